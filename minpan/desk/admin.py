"""The workspace's own records in the Chinese admin: canned replies (editable), sign-in locks, attachments."""
from django.contrib import admin

from .models import Attachment, LoginFailure, ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "reason", "active"]
    list_filter = ["kind", "active", "reason"]
    search_fields = ["title", "body", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ["username", "ip", "failures", "last_failed_at", "locked_until"]
    search_fields = ["username", "ip"]
    readonly_fields = ["username", "ip", "failures", "last_failed_at"]
    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="解除锁定")
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
