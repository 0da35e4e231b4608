"""Migration cases 0026 counts the deadline in force again for the cases already there: the
live one while a unit holds the case, and clock start + policy days + approved extensions for
those approved or answered (whose live deadline is already cleared)."""
import importlib

import pytest
from django.apps import apps

from minpan.cases.models import Case

pytestmark = pytest.mark.django_db
backfill = importlib.import_module("minpan.cases.migrations.0026_deadline_in_force").backfill


def test_the_backfill_gives_each_case_the_deadline_it_had(two_months):
    before = dict(Case.objects.values_list("pk", "deadline_at"))
    assert sum(v is not None for v in before.values()) == 7  # not D (refused), E (merged), H (the center answered)
    Case.objects.update(deadline_at=None)
    backfill(apps, None)
    assert dict(Case.objects.values_list("pk", "deadline_at")) == before
