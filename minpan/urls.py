from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "民盼通办 管理后台"
admin.site.site_title = "民盼通办"
admin.site.index_title = "留言办理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/", include("minpan.desk.urls")),
    path("notify/", include("minpan.notify.urls")),
    path("", include("minpan.portal.urls")),
]

# Chinese error pages in the portal's or the desk's look (used when DEBUG is off).
handler400 = "minpan.error_pages.bad_request"
handler403 = "minpan.error_pages.permission_denied"
handler404 = "minpan.error_pages.page_not_found"
handler500 = "minpan.error_pages.server_error"
