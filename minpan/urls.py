from django.conf import settings
from django.contrib import admin
from django.urls import include, path


class VerifiedAdminSite(admin.AdminSite):
    """With MINPAN_REQUIRE_TOTP, the admin also asks for the second step (django-otp's
    OTPAdminSite does the same with its own login form; ours is the desk's, so only the check)."""

    def has_permission(self, request):
        verified = not settings.MINPAN_REQUIRE_TOTP or request.user.is_verified()
        return super().has_permission(request) and verified


admin.site.__class__ = VerifiedAdminSite

admin.site.site_header = "民盼通办 管理后台"
admin.site.site_title = "民盼通办"
admin.site.index_title = "留言办理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/", include("minpan.desk.urls")),
    path("notify/", include("minpan.notify.urls")),
    path("", include("minpan.portal.urls")),
]
