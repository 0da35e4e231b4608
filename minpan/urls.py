from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django_otp import user_has_device


class VerifiedAdminSite(admin.AdminSite):
    """The admin asks for the same second step as the desk: a TOTP code when MINPAN_REQUIRE_TOTP is
    on or the user has a device. The code is typed on the desk's page (SecondFactorMiddleware sends
    everyone there first); this is the admin's own check, as django-otp's OTPAdminSite makes it."""

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        user = request.user
        return user.is_verified() or not (settings.MINPAN_REQUIRE_TOTP or user_has_device(user))


admin.site.__class__ = VerifiedAdminSite

admin.site.site_header = "民盼通办 管理后台"
admin.site.site_title = "民盼通办"
admin.site.index_title = "留言办理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/", include("minpan.desk.urls")),
    path("notify/", include("minpan.notify.urls")),
    path("api/v1/", include("minpan.api.urls")),
    path("open311/v2/", include("minpan.open311.views")),
    path("", include("minpan.ops.urls")),  # /healthz
    path("", include("minpan.portal.urls")),
]

# Chinese error pages in the portal's or the desk's look (used when DEBUG is off).
handler400 = "minpan.error_pages.bad_request"
handler403 = "minpan.error_pages.permission_denied"
handler404 = "minpan.error_pages.page_not_found"
handler500 = "minpan.error_pages.server_error"
