"""The admin speaks Chinese: every section, every model and every field of ours has a Chinese
label, and third-party models are shown under Chinese names or not at all (django-tasks' result
rows, django-otp's devices)."""
import re

from django.apps import apps


def test_the_admin_index_has_no_english_task_rows(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "Task Results" not in page and "Tasks Database Backend" not in page
    assert admin_client.get("/admin/django_tasks_database/dbtaskresult/").status_code == 404


def test_every_section_and_model_on_the_admin_index_is_in_chinese(admin_client):
    page = admin_client.get("/admin/").content.decode()
    names = re.findall(r'<caption>\s*<a[^>]*>([^<]+)</a>', page) + re.findall(r'<th scope="row"[^>]*>\s*(?:<a[^>]*>)?([^<]+)<', page)
    assert names
    english = [n for n in names if re.search(r"[A-Za-z]{3,}", n)]
    assert english == []


def test_every_field_of_ours_has_a_chinese_label():
    unlabelled = [
        f"{model._meta.label}.{field.name}"
        # proxies of third-party models (axes' attempts, otp's devices) show their own columns, labelled in ModelAdmin
        for model in apps.get_models() if model.__module__.startswith("minpan") and not model._meta.proxy
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False) and not field.auto_created and str(field.verbose_name) == field.name.replace("_", " ")
    ]
    assert unlabelled == []


def test_the_second_factor_devices_are_listed_in_chinese(admin_client, django_user_model):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    someone = django_user_model.objects.create_user("lisi", first_name="李四")
    TOTPDevice.objects.create(user=someone, name="验证器", confirmed=True)
    page = admin_client.get("/admin/desk/secondfactor/").content.decode()
    assert "双因素验证器" in page and "已启用" in page and "李四" in page
    assert admin_client.get("/admin/otp_totp/totpdevice/").status_code == 404
