"""Staff passwords: Argon2, at least 10 characters, not common, not all digits; no administrator
with a known password unless the demo is loaded; the first one made by `minpan createadmin`,
which asks for the password at the terminal."""
import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from minpan import settings as minpan_settings

GOOD = "青石县-路灯-修好了-2026"


@pytest.fixture
def real_hashers(settings):
    settings.PASSWORD_HASHERS = minpan_settings.PASSWORD_HASHERS  # the suite's fast hasher put aside


def test_staff_passwords_are_hashed_with_argon2(real_hashers, db):
    assert make_password(GOOD).startswith("argon2$")
    user = get_user_model().objects.create_user("newcomer", password=GOOD)
    assert user.password.startswith("argon2")


def test_an_old_pbkdf2_hash_still_signs_in_and_is_upgraded_to_argon2(real_hashers, db, settings):
    settings.PASSWORD_HASHERS = list(reversed(minpan_settings.PASSWORD_HASHERS))
    user = get_user_model().objects.create_user("veteran", password=GOOD)
    assert user.password.startswith("pbkdf2")
    settings.PASSWORD_HASHERS = minpan_settings.PASSWORD_HASHERS
    assert authenticate(RequestFactory().post("/desk/login/"), username="veteran", password=GOOD) is not None
    user.refresh_from_db()
    assert user.password.startswith("argon2")


@pytest.mark.parametrize("weak", ["short-pw1", "1234567890123", "password123", "qwertyuiop"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_a_long_uncommon_password_passes():
    validate_password(GOOD)


def test_no_administrator_exists_until_someone_makes_one(db):
    """Migrations create no account at all: no default admin with a known password."""
    assert not get_user_model().objects.exists()


def _createadmin(monkeypatch, answers, username="chief", tty=True):
    typed = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.setattr("sys.stdin.isatty", lambda: tty)
    out, err = io.StringIO(), io.StringIO()
    call_command("createadmin", username, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_createadmin_asks_for_the_password_twice_and_checks_it(monkeypatch, db):
    out, err = _createadmin(monkeypatch, ["1234567890", "1234567890", GOOD, GOOD + "x", GOOD, GOOD])
    assert "密码不符合要求" in err and "不一致" in err
    admin = get_user_model().objects.get(username="chief")
    assert admin.is_superuser and admin.is_staff and admin.check_password(GOOD)
    assert "已创建管理员 chief" in out


def test_createadmin_gives_up_after_three_weak_passwords(monkeypatch, db):
    with pytest.raises(CommandError, match="未创建管理员"):
        _createadmin(monkeypatch, ["password123"] * 6)
    assert not get_user_model().objects.exists()


def test_createadmin_takes_no_password_from_a_pipe(monkeypatch, db):
    with pytest.raises(CommandError, match="终端"):
        _createadmin(monkeypatch, [GOOD, GOOD], tty=False)


def test_createadmin_does_not_overwrite_an_account(monkeypatch, db):
    get_user_model().objects.create_user("chief", password=GOOD)
    with pytest.raises(CommandError, match="已存在"):
        _createadmin(monkeypatch, [GOOD, GOOD])
