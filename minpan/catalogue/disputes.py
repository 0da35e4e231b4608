"""Each unit's disputed dispatches (派单异议), counted for the reports (国办函〔2025〕66号).

`disputed_dispatches(since=, until=)` gives one row per unit that returned cases in the period:
returns, those that cited the catalogue (disputed), and how the center decided them. Plain dicts
of ids, names and numbers, so a report table or a spreadsheet takes them as they are.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from minpan.cases.models import Assignment, AssignmentRole


def disputed_dispatches(*, since: dt.datetime | None = None, until: dt.datetime | None = None, units=None) -> list[dict]:
    """Rows {unit, unit_name, returned, disputed, accepted, rejected, pending} for returns made in
    [since, until), most disputed first; `units` (ids) narrows to those units."""
    rows = Assignment.objects.filter(role=AssignmentRole.LEAD, returned_at__isnull=False)
    if since is not None:
        rows = rows.filter(returned_at__gte=since)
    if until is not None:
        rows = rows.filter(returned_at__lt=until)
    if units is not None:
        rows = rows.filter(unit_id__in=list(units))
    disputed = Q(disputed_matter__isnull=False)
    counted = rows.values("unit", "unit__name").annotate(
        returned=Count("id"), disputed=Count("id", filter=disputed),
        accepted=Count("id", filter=disputed & Q(dispute_outcome="accepted")),
        rejected=Count("id", filter=disputed & Q(dispute_outcome="rejected")),
        pending=Count("id", filter=disputed & Q(dispute_outcome="")),
    ).order_by("-disputed", "unit__name")
    return [{"unit": r["unit"], "unit_name": r["unit__name"], "returned": r["returned"], "disputed": r["disputed"],
             "accepted": r["accepted"], "rejected": r["rejected"], "pending": r["pending"]} for r in counted]
