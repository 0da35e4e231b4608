"""Pages anyone may read: published answers, 不予受理 notices, statistics."""
from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from minpan.ops.replica import on_replica
from minpan.policies.active import active_policy

from . import published, stats
from .forms import AnswerFilterForm


def answers(request):
    policy = active_policy()
    units = published.answering_units()
    form = AnswerFilterForm(request.GET or None, units=units)
    if not policy.publication.show_unit:
        del form.fields["unit"]  # the answers do not name their unit here: nor does a filter by it
    filters = published.Filters()
    if form.is_bound:
        form.is_valid()  # the fields that are valid still filter; the others show their error
        filters = published.Filters(**{k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
    page = published.search_answers(filters, request.GET.get("page", 1))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "portal/answers.html", {
        "form": form, "page": page, "query": query.urlencode(), "policy": policy,
    })


def answer(request, pk: int):
    return render(request, "portal/answer.html", {"case": published.answer(pk), "policy": active_policy()})


def refusals(request):
    return render(request, "portal/refusals.html", {"page": published.refusals(request.GET.get("page", 1))})


@on_replica
def statistics(request):
    today = timezone.localdate()
    period = stats.parse_period(request.GET.get("year"), request.GET.get("month"), request.GET.get("quarter"), today)
    return render(request, "portal/stats.html", {
        "report": stats.report(period), "min_ranked": stats.MIN_RANKED,
        "years": range(today.year, today.year - 5, -1), "months": range(1, 13), "quarters": range(1, 5),
    })
