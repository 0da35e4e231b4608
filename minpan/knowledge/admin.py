from django.contrib import admin
from django.utils import timezone

from . import entries
from .models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "valid_from", "valid_until", "approved_at"]
    list_filter = ["owner"]
    search_fields = ["title", "questions", "basis"]
    readonly_fields = ["approved_by", "approved_at", "created_by"]

    def save_model(self, request, obj, form, change):
        # as in the desk: the words are cut again and the approval waits for the center's reviewer
        entries.save(obj, by=request.user, now=timezone.now())
