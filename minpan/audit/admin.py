"""The audit trail in the admin: read, filtered, searched; never added to, changed or deleted,
not even by a superuser."""
from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "who", "role", "action", "object_type", "object_id", "result", "address", "detail"]
    list_filter = ["action", "result", "object_type", ("at", admin.DateFieldListFilter)]
    search_fields = ["who", "object_id", "address", "detail"]
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False  # a count of millions of rows on every page is the slow part
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
