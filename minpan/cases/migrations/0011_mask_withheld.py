from django.db import migrations


def mask_withheld(apps, schema_editor):
    """Cases classified before units read a masked copy: make it now, as classification does."""
    from minpan.redaction import redact

    Case = apps.get_model("cases", "Case")
    Citizen = apps.get_model("cases", "Citizen")
    for case in Case.objects.filter(identity_withheld=True, masked_body="").iterator():
        citizen = Citizen.objects.filter(case_id=case.pk).first()
        names = [citizen.name] if citizen and citizen.name else []
        extra = [v for v in (citizen.phone, citizen.email, citizen.id_number, citizen.address, citizen.employer) if v] if citizen else []
        case.masked_subject = redact(case.subject, names, extra)[:200]
        case.masked_body = redact(case.body, names, extra)
        case.save(update_fields=["masked_subject", "masked_body"])


class Migration(migrations.Migration):

    dependencies = [("cases", "0010_public_copies")]

    operations = [migrations.RunPython(mask_withheld, migrations.RunPython.noop)]
