"""The public copies of cases published (or turned away with a published notice) before copies were
made at publication: built once here, so existing databases keep their public pages, which now
only read copies. The text comes from the same function the preview and publication use
(cases.publication.compose), given the historical rows."""
from django.db import migrations
from django.db.models import Q
from django.utils import timezone

PUBLISHED, ARCHIVED, NOT_ACCEPTED = "published", "archived", "not_accepted"


def build_copies(apps, schema_editor):
    from minpan.cases import publication

    Case = apps.get_model("cases", "Case")
    Citizen = apps.get_model("cases", "Citizen")
    Reply = apps.get_model("cases", "Reply")
    PublicCopy = apps.get_model("cases", "PublicCopy")
    Unit = apps.get_model("units", "Unit")
    unit_phones = list(Unit.objects.exclude(phone="").values_list("phone", flat=True))
    now = timezone.now()
    shown = Case.objects.filter(may_publish=True).filter(
        Q(state__in=(PUBLISHED, ARCHIVED), answered_at__isnull=False)
        | Q(state__in=(NOT_ACCEPTED, ARCHIVED), answered_at__isnull=True) & ~Q(not_accepted_reason="")
    )
    for case in shown.iterator():
        if not publication.is_published_publicly(case):
            continue
        reply = Reply.objects.filter(case=case).select_related("unit").order_by("-version").first()
        text = publication.compose(
            case, reply=reply, citizen=Citizen.objects.filter(case=case).first(),
            official=publication.official_contacts(case, reply, unit_phones),
        )
        PublicCopy.objects.update_or_create(case=case, defaults=publication.copy_fields(text, now))


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0009_privacy"),
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(build_copies, migrations.RunPython.noop),
    ]
