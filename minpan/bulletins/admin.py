"""通报 in the admin site: to read, never to change. Drafting, editing, submitting and signing go
through the 通报 page (minpan.bulletins.services), which checks each step and records who took it;
an issued bulletin is a document sent to the units it names and stays as sent."""
from django.contrib import admin

from minpan.cases.admin import ReadOnly

from .models import Bulletin, BulletinStep


class StepsInline(admin.TabularInline):
    model = BulletinStep
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Bulletin)
class BulletinAdmin(ReadOnly):
    list_display = ["title", "number", "first_day", "last_day", "state", "drafted_at", "issued_at"]
    list_filter = ["state", "policy_name"]
    search_fields = ["title", "number"]
    inlines = [StepsInline]
