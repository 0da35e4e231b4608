"""The by-unit rows of the statistics follow the unit tree with ids read as numbers: a unit made
after the ninth is not listed before it because "/10/" sorts before "/9/" as text."""
import io
import json

import time_machine
from django.core.management import call_command

from minpan.units.models import Level, Unit
from tests.flow import at, dispatched


def test_a_later_unit_is_listed_after_an_earlier_one(city):
    # ids chosen so that the text of their paths sorts the other way round
    earlier = Unit.objects.create(pk=90_000_009, name="市林业局", code="forestry", level=Level.CITY)
    later = Unit.objects.create(pk=100_000_001, name="市水务局", code="water", level=Level.CITY)
    assert later.path < earlier.path  # as text
    with time_machine.travel(at("2026-03-02 09:00"), tick=False):
        dispatched(city, "tongliao", lead=later)
        dispatched(city, "tongliao", lead=earlier)
    out = io.StringIO()
    call_command("report", "stats", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json", stdout=out)
    names = [row["unit"] for row in json.loads(out.getvalue())["by_unit"]]
    assert names.index("市林业局") < names.index("市水务局")
