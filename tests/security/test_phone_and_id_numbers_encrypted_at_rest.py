"""The writer's phone and ID numbers are unreadable in the database (a dump, a backup) without
the key in the environment; the center still finds a writer by phone; a wrong key fails loudly."""
import pytest
from django.db import connection

from minpan.cases import encryption
from minpan.cases.encryption import DataKeyError
from minpan.cases.models import Citizen
from tests.flow import CITIZEN, registered

PHONE, ID_NUMBER = CITIZEN["phone"], CITIZEN["id_number"]
OLD, NEW = "old-data-key-" + "o" * 30, "new-data-key-" + "n" * 30


def raw_row(case) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, id_number, phone_hash FROM cases_citizen WHERE case_id = %s", [case.pk])
        return cursor.fetchone()


def test_the_columns_hold_no_digit_of_the_numbers(city):
    case = registered(city, "tongliao", citizen=CITIZEN)
    phone, id_number, phone_hash = raw_row(case)
    for stored in (phone, id_number, phone_hash):
        assert PHONE not in stored and ID_NUMBER not in stored and PHONE[-4:] not in stored
    assert phone.startswith("gAAAAA") and id_number.startswith("gAAAAA")  # Fernet tokens
    assert Citizen.objects.get(case=case).phone == PHONE and Citizen.objects.get(case=case).id_number == ID_NUMBER


def test_the_same_number_twice_is_not_the_same_token(city):
    a, b = registered(city, "tongliao", citizen=CITIZEN), registered(city, "tongliao", citizen=CITIZEN, subject="另一件")
    assert raw_row(a)[0] != raw_row(b)[0]
    assert raw_row(a)[2] == raw_row(b)[2] == encryption.phone_hash(PHONE)


def test_the_center_finds_a_writers_messages_by_phone(client, city):
    case = registered(city, "tongliao", citizen=CITIZEN)
    registered(city, "tongliao", citizen={**CITIZEN, "phone": "13900001111"}, subject="别人的留言")
    client.force_login(city.operator)
    text = client.get("/desk/q/all/", {"q": "138 0013 8000"}).content.decode()
    assert case.subject in text and "别人的留言" not in text


def test_a_unit_does_not_find_a_case_by_the_writers_phone(client, city):
    from tests.flow import dispatched
    dispatched(city, "tongliao", citizen=CITIZEN, subject="路灯不亮")
    client.force_login(city.handler)
    assert "路灯不亮" not in client.get("/desk/q/all/", {"q": PHONE}).content.decode()


def test_a_wrong_key_fails_loudly(city, settings):
    case = registered(city, "tongliao", citizen=CITIZEN)
    settings.MINPAN_DATA_KEYS = ["a-key-that-sealed-nothing-" + "x" * 20]
    with pytest.raises(DataKeyError, match="MINPAN_DATA_KEYS"):
        Citizen.objects.get(case=case)


def test_rotation_reads_old_rows_and_rekey_moves_them_to_the_new_key(city, settings):
    settings.MINPAN_DATA_KEYS = [OLD]
    case = registered(city, "tongliao", citizen=CITIZEN)
    old_hash = raw_row(case)[2]
    settings.MINPAN_DATA_KEYS = [NEW, OLD]
    assert Citizen.objects.get(case=case).phone == PHONE  # an old row opens with the old key listed second
    assert Citizen.objects.filter(phone_hash__in=encryption.phone_hashes(PHONE)).exists()
    from django.core.management import call_command
    call_command("privacy", "rekey")
    assert raw_row(case)[2] != old_hash
    settings.MINPAN_DATA_KEYS = [NEW]
    assert Citizen.objects.get(case=case).phone == PHONE
    assert Citizen.objects.filter(phone_hash=encryption.phone_hash(PHONE)).exists()



def test_the_migration_encrypts_rows_written_before_it(city):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps

    migration = importlib.import_module("minpan.cases.migrations.0016_personal_data_encrypted_and_held")
    case = registered(city, "tongliao", citizen=CITIZEN)
    with connection.cursor() as cursor:  # as an older minpan left it: the numbers in clear
        cursor.execute("UPDATE cases_citizen SET phone = %s, id_number = %s, phone_hash = '' WHERE case_id = %s",
                       [PHONE, ID_NUMBER, case.pk])
    # the migration's step itself (a migrate back and forth would flush the other tests' data)
    migration.encrypt_existing(apps, SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name))
    phone, id_number, phone_hash = raw_row(case)
    assert PHONE not in phone and ID_NUMBER not in id_number and phone_hash == encryption.phone_hash(PHONE)
    assert Citizen.objects.get(case=case).phone == PHONE
