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
