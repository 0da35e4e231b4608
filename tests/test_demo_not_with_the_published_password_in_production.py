"""The demo's accounts, an administrator among them, carry a published password: on a server with
debug off `minpan demo load` refuses to run unless MINPAN_DEMO_PASSWORD gives them another."""
import pytest
from django.core.management import CommandError, call_command

from minpan.units.models import Unit


def test_demo_load_refuses_the_published_password_with_debug_off(db, settings):
    settings.MINPAN_PRODUCTION, settings.MINPAN_DEMO_PASSWORD = True, ""
    with pytest.raises(CommandError, match="MINPAN_DEMO_PASSWORD"):
        call_command("demo", "load", "--cases", "0")
    assert not Unit.objects.exists()


def test_demo_load_runs_with_its_own_password_with_debug_off(db, settings):
    settings.MINPAN_PRODUCTION, settings.MINPAN_DEMO_PASSWORD = True, "a-long-private-demo-password-2026"
    call_command("demo", "load", "--cases", "0")
    assert Unit.objects.exists()
