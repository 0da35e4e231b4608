"""Background task: the suggestions for a newly collected message, made by the worker so the
request that collects it stays fast and web processes never load a model for it."""
from __future__ import annotations

import logging

from django_tasks import task

log = logging.getLogger(__name__)


@task()
def suggest_case(case_id: int) -> int:
    """Store the case's suggestions; returns how many kinds it has."""
    from minpan.cases.models import Case

    from .suggest import store_for

    case = Case.objects.filter(pk=case_id).first()
    if case is None:  # collected in a transaction that was later rolled back by its caller
        return 0
    return len(store_for(case))
