from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from .models import Delivery, Letter, Notification, Preference, Template
from .wording import DEFAULTS

# django-tasks' own result rows are the worker's bookkeeping, labelled in English: staff follow the
# messages through Delivery (their attempts and errors, in Chinese), so the task rows are not shown.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ["kind", "title"]

    def get_changeform_initial_data(self, request):
        # A new template starts from the built-in wording of its kind.
        kind = request.GET.get("kind")
        title, body = DEFAULTS.get(kind, ("", ""))
        return {"kind": kind, "title": title, "body": body} if kind else {}


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnly):
    # Failed sends stay visible here (and in the center's inbox): nothing is dropped silently.
    list_display = ["notification", "channel", "state", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["state", "channel"]


@admin.register(Letter)
class LetterAdmin(ReadOnly):
    list_display = ["number", "title", "unit_name", "state", "created_at", "issued_at"]
    list_filter = ["kind", "state"]
    search_fields = ["number", "unit_name"]


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    # A person without a row gets the defaults: e-mail for every notice, SMS for the ladder's.
    list_display = ["user", "email", "sms"]
    list_filter = ["email", "sms"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
