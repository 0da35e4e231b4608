from django.contrib import admin, messages
from django.utils import timezone

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made on the command line (the token is printed once there); here they are seen
    and revoked. The hash is never shown."""

    list_display = ("pk", "holder_label", "created_at", "last_used_at", "revoked_at")
    list_filter = ("channel",)
    search_fields = ("user__username",)
    fields = ("user", "channel", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    actions = ["revoke"]

    @admin.display(description="持有者")
    def holder_label(self, obj):
        return obj.holder

    def has_add_permission(self, request):
        return False

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        done = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        messages.success(request, f"已吊销 {done} 个令牌。")
