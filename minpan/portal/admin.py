from django.contrib import admin

from .models import Attachment, DataRequest, Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("case", "suggested_type", "suggested_domain", "created_at", "shown_at")
    exclude = ("password", "key")  # the receipt's secrets are nobody's business, staff included
    readonly_fields = ("case", "suggested_type", "suggested_domain", "created_at", "shown_at")


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("case", "name", "content_type", "size", "uploaded_at")
    readonly_fields = ("case", "name", "content_type", "size", "sha256", "stored_as", "uploaded_at")


@admin.register(DataRequest)
class DataRequestAdmin(admin.ModelAdmin):
    """The center's list of writers' correction requests still to be looked at."""

    list_display = ("case", "kind", "at", "done_at")
    list_filter = ("kind", ("done_at", admin.EmptyFieldListFilter))
    readonly_fields = ("case", "kind", "text", "at")
