from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "民盼通办 管理后台"
admin.site.site_title = "民盼通办"
admin.site.index_title = "留言办理"

urlpatterns = [
    path("admin/", admin.site.urls),
    # The staff workspace is its own issue; until it lands, staff work in the admin.
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
