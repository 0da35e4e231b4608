"""The workspace's own records in the Chinese admin: canned replies (editable), attachments; sign-in locks are axes' own (访问尝试)."""
from django.contrib import admin

from .models import Attachment, ReplyTemplate, SecondFactor, SignInLock


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "reason", "active"]
    list_filter = ["kind", "active", "reason"]
    search_fields = ["title", "body", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(SignInLock)
class SignInLockAdmin(admin.ModelAdmin):
    """The failures axes counts for desk and admin alike; deleting a row lifts its lock."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    list_display_links = None
    search_fields = ["username", "ip_address"]
    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="解除锁定", permissions=["delete"])
    def unlock(self, request, queryset):
        queryset.delete()


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    # Read-only: a case's papers are not rewritten; the file itself is served by the desk, which checks access.
    list_display = ["name", "case", "size", "uploaded_by", "unit", "uploaded_at"]
    search_fields = ["name", "case__reg_no"]
    list_select_related = ["case", "uploaded_by", "unit"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SecondFactor)
class SecondFactorAdmin(admin.ModelAdmin):
    """Who has set up a TOTP app; deleting a row (a lost phone) makes that person set up a new one."""

    list_display = ["owner", "label", "in_use"]
    list_display_links = None
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    @admin.display(description="人员")
    def owner(self, obj):
        return obj.user.get_full_name() or obj.user.get_username()

    @admin.display(description="名称")
    def label(self, obj):
        return obj.name

    @admin.display(description="已启用", boolean=True)
    def in_use(self, obj):
        return obj.confirmed

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
