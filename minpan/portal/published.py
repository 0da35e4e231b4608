"""Published answers and 不予受理 notices: the public pages read PublicCopy rows and nothing else.

The raw message stays on the case for staff. The copy is made once, when the answer is published
or the notice given (cases.publication.make_copy, inside that transaction), from the text the
reviewer previewed; a reopened and re-answered case gets a new copy at its next publication.
A page never makes or mends a copy: a published case without a current copy is not listed.
Searching runs over the copies, so a search for the writer's name finds nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from minpan.cases.models import Case, Event
from minpan.cases.states import Action, PublishMode, State
from minpan.units.models import Level, Unit

PER_PAGE = 10
DONE = (State.PUBLISHED, State.ARCHIVED)


def answered_cases() -> QuerySet[Case]:
    """Answers published publicly with the writer's consent, whose copy is of the current answer."""
    return Case.objects.filter(
        state__in=DONE, publish_mode=PublishMode.PUBLIC, may_publish=True, answered_at__isnull=False,
        public_copy__answered_at=F("answered_at"),
    )


def refused_cases() -> QuerySet[Case]:
    """不予受理 notices: the writer agreed to publication; archived ones stay listed."""
    return Case.objects.filter(
        state__in=(State.NOT_ACCEPTED, State.ARCHIVED), may_publish=True, answered_at__isnull=True,
        public_copy__isnull=False,
    ).exclude(not_accepted_reason="")


def _accepted_at():
    return Subquery(Event.objects.filter(case=OuterRef("pk"), action=Action.ACCEPT).order_by("-seq").values("at")[:1])


@dataclass
class Filters:
    q: str = ""
    domain: str = ""
    unit: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def search_answers(filters: Filters, page: int | str = 1) -> Page:
    qs = answered_cases().select_related("public_copy", "lead_unit").annotate(accepted_at=_accepted_at())
    if filters.q:
        for word in filters.q.split()[:5]:
            qs = qs.filter(Q(public_copy__subject__icontains=word) | Q(public_copy__body__icontains=word) | Q(public_copy__reply__icontains=word))
    if filters.domain:
        qs = qs.filter(domain=filters.domain)
    if filters.unit:
        qs = qs.filter(lead_unit_id=filters.unit)
    if filters.since:
        qs = qs.filter(answered_at__date__gte=filters.since)
    if filters.until:
        qs = qs.filter(answered_at__date__lte=filters.until)
    return Paginator(qs.order_by("-answered_at", "-pk"), PER_PAGE).get_page(page)


def answer(pk) -> Case:
    try:
        return answered_cases().select_related("public_copy").annotate(accepted_at=_accepted_at()).get(pk=int(pk))
    except (Case.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("没有这条公开答复") from None


def refusals(page: int | str = 1) -> Page:
    qs = refused_cases().select_related("public_copy").order_by("-received_at", "-pk")
    return Paginator(qs, PER_PAGE).get_page(page)


def answering_units() -> QuerySet[Unit]:
    """The units a reader may filter by: every active unit that can be dispatched to."""
    return Unit.objects.filter(active=True).exclude(level=Level.CENTER).order_by("path")
