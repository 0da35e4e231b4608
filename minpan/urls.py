from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "民盼通办 管理后台"
admin.site.site_title = "民盼通办"
admin.site.index_title = "留言办理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/", include("minpan.desk.urls")),
    path("", include("minpan.portal.urls")),
    # Until the portal has its home page, the root leads staff to the admin.
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
