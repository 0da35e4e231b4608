"""Suggestions read from the database: the lead unit for a message, from the cases already dispatched."""
from __future__ import annotations

import threading

from django.db.models import Count, Max

from minpan.cases.models import Case
from minpan.units.models import Unit

from .routing import UnitRouter

HISTORY = 5000  # the most recent dispatched cases the router learns from

_lock = threading.Lock()
_cache: dict = {}


def _router() -> UnitRouter | None:
    """A router over recent cases with a lead unit, refitted lazily (a fit takes seconds) when a case
    was dispatched since. Not on every save: the sweep and every action touch cases all day, and
    refitting for each arriving message would cost the worker seconds per message."""
    cases = Case.objects.filter(lead_unit__isnull=False, lead_unit__active=True)
    key = tuple(cases.aggregate(n=Count("id"), m=Max("id"), c=Max("created_at")).values())
    with _lock:
        if _cache.get("key") != key:
            rows = list(cases.order_by("-received_at").values_list("subject", "body", "lead_unit_id")[:HISTORY])
            units = {u for _, _, u in rows}
            router = None
            if len(units) >= 2:
                names = dict(Unit.objects.filter(id__in=units).values_list("id", "name"))
                titles, bodies, ids = zip(*rows)
                router = UnitRouter().fit(titles, bodies, ids, names=names)
            _cache.update(key=key, router=router)
        return _cache["router"]


def suggest_lead_unit(*, title: str, body: str, k: int = 3) -> list[tuple[Unit, float]]:
    """[(unit, score)] best first, from the lead units of earlier cases; empty until two units have cases.

    Scores are SVM margins plus the place bonus, for ordering only (not probabilities).
    """
    router = _router()
    if router is None:
        return []
    ranked = router.suggest(title, body, k=k)
    units = Unit.objects.in_bulk([u for u, _ in ranked])
    return [(units[u], score) for u, score in ranked if u in units]
