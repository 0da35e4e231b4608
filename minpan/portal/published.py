"""Published answers and 不予受理 notices: only redacted text ever reaches these pages.

The raw message stays on the case for staff. The public pages read PublicCopy rows,
made from the case by `refresh_copies` with the writer's name, phone, e-mail, ID
number, address and employer masked (textmine.redact), once per answer: a reopened and
re-answered case gets a new copy. Searching runs over the copies, so a search for the
writer's name finds nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from minpan.cases.models import Case, Citizen, Event
from minpan.cases.states import Action, PublishMode, State
from minpan.textmine.redact import redact
from minpan.units.models import Level, Unit

from minpan.cases.models import PublicCopy
from .public import handler_contact, reply_for_writer, reply_unit_name

PER_PAGE = 10
DONE = (State.PUBLISHED, State.ARCHIVED)


def answered_cases() -> QuerySet[Case]:
    return Case.objects.filter(
        state__in=DONE, publish_mode=PublishMode.PUBLIC, may_publish=True, answered_at__isnull=False,
    )


def refused_cases() -> QuerySet[Case]:
    """不予受理 notices: the writer agreed to publication; archived ones stay listed."""
    return Case.objects.filter(state__in=(State.NOT_ACCEPTED, State.ARCHIVED), may_publish=True, answered_at__isnull=True).exclude(not_accepted_reason="")


def _accepted_at():
    return Subquery(Event.objects.filter(case=OuterRef("pk"), action=Action.ACCEPT).order_by("-seq").values("at")[:1])


def refresh_copies() -> int:
    """Make the missing or stale public copies. Idempotent; cheap when nothing changed."""
    stale = list(answered_cases().filter(public_copy__isnull=True))
    stale += list(answered_cases().filter(public_copy__isnull=False).exclude(public_copy__answered_at=F("answered_at")))
    stale += list(refused_cases().filter(public_copy__isnull=True))
    for case in stale:
        make_copy(case)
    return len(stale)


def writer_terms(citizen: Citizen | None) -> tuple[list[str], list[str]]:
    """The writer's name and registered details, masked wherever they appear in published text."""
    if citizen is None:
        return [], []
    names = [citizen.name] if citizen.name else []
    return names, [getattr(citizen, f) for f in ("phone", "email", "id_number", "address", "employer")]


def make_copy(case: Case) -> PublicCopy:
    names, extra = writer_terms(Citizen.objects.filter(case=case).first())

    def clean(text: str) -> str:
        return redact(text or "", names=names, extra=extra)

    reply = reply_for_writer(case)
    copy, _ = PublicCopy.objects.update_or_create(case=case, defaults=dict(
        answered_at=case.answered_at,
        subject=clean(case.subject)[:200],
        body=clean(case.body),
        reply=clean(reply.body) if reply else "",
        unit_name=reply_unit_name(reply),
        handler_contact=handler_contact(case, reply)[:120],
        explanation=clean("\n".join(p for p in (case.not_accepted_explanation, case.suggested_channel and f"建议反映渠道：{case.suggested_channel}") if p)),
    ))
    return copy


@dataclass
class Filters:
    q: str = ""
    domain: str = ""
    unit: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def search_answers(filters: Filters, page: int | str = 1) -> Page:
    refresh_copies()
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
    refresh_copies()
    try:
        return answered_cases().select_related("public_copy").annotate(accepted_at=_accepted_at()).get(pk=int(pk))
    except (Case.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("没有这条公开答复") from None


def refusals(page: int | str = 1) -> Page:
    refresh_copies()
    qs = refused_cases().select_related("public_copy").order_by("-received_at", "-pk")
    return Paginator(qs, PER_PAGE).get_page(page)


def answering_units() -> QuerySet[Unit]:
    """The units a reader may filter by: every active unit that can be dispatched to."""
    return Unit.objects.filter(active=True).exclude(level=Level.CENTER).order_by("path")
