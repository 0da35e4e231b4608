"""The queue pages: tabs with counts, filters, sort, pages, and export of the current list."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from minpan.cases.access import is_center, unit_subject
from minpan.cases.states import Action, Channel, MessageType, State, Urgency
from minpan.cases.transitions import TABLE

from .. import export
from ..clock import Clock
from ..forms import dispatchable_units
from ..queues import BY_SLUG, QueueFilter, counts, queue_cases, queue_page, queues_for
from ..result_rows import result_rows
from .common import is_htmx, role_labels, staff_roles

BULK_QUEUES = {"dispatch", "returned"}
# Only these get a checkbox in the bulk bar: the core would refuse the others (an accepted case is not classified yet).
DISPATCHABLE = TABLE[Action.DISPATCH].sources
# a row's labels, as get_FOO_display gives them; that rebuilds the field's whole choices dict on
# every call, three times a row
LABELS = {"channel": dict(Channel.choices), "msg_type": dict(MessageType.choices), "state": dict(State.choices),
          "urgency": dict(Urgency.choices)}


def _label(case, name: str) -> str:
    value = getattr(case, name)
    return LABELS[name].get(value, value)


def _queue(slug: str):
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404("没有这个队列") from None


@login_required
def queue_view(request, slug: str):
    queue = _queue(slug)
    roles = staff_roles(request.user)
    clock = Clock()
    filters = QueueFilter(request.GET or None, initial={"sort": queue.order})
    htmx = is_htmx(request)
    sizes, tabs_queues = {}, []
    if not htmx:  # htmx swaps only the results: no tab bar
        tabs_queues = queues_for(roles)
        if queue not in tabs_queues:
            tabs_queues = [*tabs_queues, queue]
        sizes = counts(request.user, tabs_queues, clock)
    page = queue_page(request.user, queue, clock, filters, request.GET.get("page"), tab_count=sizes.get(queue.slug))
    center = is_center(request.user)
    rows = [_row(case, clock, center) for case in page.rows]
    context = {
        "queue": queue, "filters": filters, "page": page, "rows": rows,
        "query": _query_without_page(request), "roles": role_labels(roles),
        "case_base": reverse("desk:case", args=[0])[:-2],
    }
    if "center_operator" in roles and slug in BULK_QUEUES:
        context["bulk"] = [(u.pk, u.name) for u in dispatchable_units()]
    context["rows_html"] = result_rows(rows, context["case_base"], bool(context.get("bulk")))
    if htmx:
        return render(request, "desk/_results.html", context)
    context["tabs"] = [{"queue": q, "count": sizes.get(q.slug)} for q in tabs_queues]
    return render(request, "desk/queue.html", context)


@login_required
def queue_export(request, slug: str, fmt: str):
    queue = _queue(slug)
    clock = Clock()
    filters = QueueFilter(request.GET or None)
    cases = queue_cases(request.user, queue, clock, filters)[: export.MAX_ROWS]
    center = is_center(request.user)
    rows = [_row(case, clock, center) for case in cases]
    return export.response(queue.label, rows, fmt)


def _row(case, clock: Clock, center: bool) -> dict:
    # Labels resolved here, not in the template: 50 rows of template lookups are most of a page's time.
    held = getattr(case, "held", True)
    left = clock.days_left(case.due_at) if held else None
    return {
        "case": case, "pk": case.pk, "ref": case.reference, "subject": case.subject if center else unit_subject(case),
        "channel": _label(case, "channel"), "type": _label(case, "msg_type"),
        "state": _label(case, "state") if held else "本单位已不再承办",
        "unit": (case.lead_unit.name if case.lead_unit_id else "") if held else "", "received": timezone.localtime(case.received_at),
        "left": left, "tone": clock.tone(left), "left_text": clock.describe(left),
        "tags": _tags(case) if held else [], "dispatchable": case.state in DISPATCHABLE,
    }


def _tags(case) -> list[tuple[str, str]]:
    tags = []
    if case.supervised:
        tags.append(("red", "督办"))
    if case.reported_to_id:
        tags.append(("red", "一事一报待批示"))
    if case.on_site_due:
        tags.append(("", "待实地督查"))
    if case.urgency != "normal":
        tags.append(("", _label(case, "urgency")))
    if case.extension_pending:
        tags.append(("", "延期待批"))
    return tags


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
