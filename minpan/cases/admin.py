"""Read-only views of the case records: state changes only through cases.transitions."""
from django.contrib import admin

from minpan.workdays.arith import deadline_text

from .models import Assignment, Case, Event, ExtensionRequest, Reply


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


EVENT_FIELDS = ("seq", "at", "action", "role", "actor_name", "state_before", "state_after", "note")


class EventInline(admin.TabularInline):
    model = Event
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ["reference", "subject", "channel", "state", "lead_unit", "deadline", "received_at"]
    list_filter = ["state", "channel", "domain", "msg_type", "supervised"]
    search_fields = ["reg_no", "tracking_code", "subject"]
    # The citizen's identity is not shown here: it lives in its own table, for center staff only.
    exclude = ["query_password"]
    inlines = [EventInline]
    list_select_related = ["lead_unit"]

    @admin.display(description="办理期限", ordering="due_at")
    def deadline(self, case: Case) -> str:
        return deadline_text(case.due_at) if case.due_at else "未计时"


@admin.register(Assignment)
class AssignmentAdmin(ReadOnly):
    list_display = ["case", "unit", "role", "active", "dispatched_at", "claimed_at", "returned_at"]
    list_filter = ["role", "active"]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnly):
    list_display = ["case", "unit", "days", "state", "requested_at", "decided_at"]
    list_filter = ["state"]


@admin.register(Reply)
class ReplyAdmin(ReadOnly):
    list_display = ["case", "version", "unit", "drafted_at", "signed_at"]
