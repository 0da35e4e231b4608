"""Suggestions at initial review, stored once per case, and what staff did with them.

`store_for(case)` computes the domain, message type and lead unit suggestions and keeps them
(the worker does it right after a message is collected: see tasks.suggest_case);
`suggestions_for(case)` is what the initial-review panel reads (and computes what is missing);
`record_choice` is called by textmine.listeners inside the classify and dispatch transactions, to
mark the suggestion accepted or corrected.
"""
from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Count, Q
from django.utils import timezone

from minpan.cases.page_rows import page_rows
from minpan.cases.states import Domain
from minpan.policies.active import policy_named
from minpan.policies.codes import MESSAGE_TYPES
from minpan.units.models import Unit

from . import classify, msgtype
from .models import Kind, Outcome, Suggestion

log = logging.getLogger(__name__)

TOP = 3


def _compute(case, kinds) -> list[Suggestion]:
    """New (unsaved) suggestions of the given kinds; a kind with nothing to suggest yet is left out,
    so it is tried again later (no domain model trained yet, fewer than two units with history)."""
    now = timezone.now()
    out = []
    if Kind.DOMAIN in kinds:
        ranked = classify.suggest_domain(case.subject, case.body, k=TOP)
        if ranked:
            out.append(Suggestion(case=case, kind=Kind.DOMAIN, ranked=[list(r) for r in ranked],
                                  model_version=_version("domain"), made_at=now))
    if Kind.MSG_TYPE in kinds:
        allowed = policy_named(case.policy_name).message_types
        ranked, version = msgtype.suggest_msg_type(case.subject, case.body, allowed=allowed, k=TOP)
        if ranked:
            out.append(Suggestion(case=case, kind=Kind.MSG_TYPE, ranked=[list(r) for r in ranked],
                                  model_version=version, made_at=now))
    if Kind.LEAD_UNIT in kinds:
        from .selectors import suggest_lead_unit

        units = suggest_lead_unit(title=case.subject, body=case.body, k=TOP)
        if units:
            out.append(Suggestion(case=case, kind=Kind.LEAD_UNIT, ranked=[[u.pk, round(float(s), 4)] for u, s in units],
                                  model_version="history", made_at=now))
    return out


def _outdated(s: Suggestion) -> bool:
    """Made by another model than the current one (the lead unit's history router has no versions)."""
    if s.kind == Kind.DOMAIN:
        return s.model_version != _version("domain")
    if s.kind == Kind.MSG_TYPE:
        return s.model_version != (_version(msgtype.KIND) or msgtype.RULES_VERSION)
    return False


def _version(kind: str) -> str:
    meta = classify.current_meta(kind=kind)
    return meta["version"] if meta else ""


def store_for(case, *, kinds=tuple(Kind)) -> list[Suggestion]:
    """Compute and keep the suggestions the case does not have yet; returns all it has.

    Safe to run twice or at once with the page's fallback: a kind already stored is kept as it
    was made (the unique (case, kind) row decides, the later insert is ignored).
    """
    have = set(Suggestion.objects.filter(case=case).values_list("kind", flat=True))
    missing = [k for k in kinds if k not in have]
    if missing:
        Suggestion.objects.bulk_create(_compute(case, missing), ignore_conflicts=True)
    return list(Suggestion.objects.filter(case=case))


def suggestions_for(case) -> dict:
    """What the initial-review panel shows:

        {"domain": [(code, label, confidence)…], "msg_type": [(code, label, confidence)…],
         "lead_unit": [(Unit, score)…], "model": domain model version,
         "versions": {kind: version}, "outcomes": {kind: outcome}}

    Read from the stored rows; any kind not stored yet is computed now and stored (a case
    collected before the worker ran, or a model trained since). Only active units are offered.
    """
    rows = {s.kind: s for s in Suggestion.objects.filter(case=case)}
    # A model trained since a suggestion was made (and nobody has decided on it yet) makes it again:
    # the operator should see what the current model says, and the feedback should be about it.
    stale = [s.pk for s in rows.values() if s.outcome == Outcome.PENDING and _outdated(s)]
    if stale:
        Suggestion.objects.filter(pk__in=stale, outcome=Outcome.PENDING).delete()
    if stale or len(rows) < len(Kind):
        rows = {s.kind: s for s in store_for(case)}
    domain = rows.get(Kind.DOMAIN)
    mtype = rows.get(Kind.MSG_TYPE)
    lead = rows.get(Kind.LEAD_UNIT)
    loaded = page_rows(case)  # the case page reads every unit once for its panels
    if lead and loaded is not None:
        wanted = {u for u, _ in lead.ranked}
        units = {u.pk: u for u in loaded.units() if u.active and u.pk in wanted}
    else:
        units = Unit.objects.filter(active=True).in_bulk([u for u, _ in lead.ranked]) if lead else {}
    return {
        "domain": [(c, Domain(c).label, p) for c, p in (domain.ranked if domain else []) if c in Domain.values],
        "msg_type": [(c, MESSAGE_TYPES[c], p) for c, p in (mtype.ranked if mtype else []) if c in MESSAGE_TYPES],
        "lead_unit": [(units[u], s) for u, s in (lead.ranked if lead else []) if u in units],
        "model": domain.model_version if domain else "",
        "versions": {k: s.model_version for k, s in rows.items()},
        "outcomes": {k: s.outcome for k, s in rows.items()},
    }


def record_choice(case, kind: str, chosen, *, actor=None, now: dt.datetime | None = None) -> str | None:
    """Mark the case's suggestion of `kind` accepted (the operator kept the first suggestion) or
    corrected (chose another value, kept in `chosen`). Only the first decision counts: it is the
    one the suggestion was shown for. Returns the outcome, or None when there was nothing to mark
    (no suggestion stored, or already decided): the action goes on either way."""
    s = Suggestion.objects.filter(case=case, kind=kind, outcome=Outcome.PENDING).first()
    if s is None or not s.ranked:
        return None
    chosen = str(chosen)
    outcome = Outcome.ACCEPTED if chosen == s.top else Outcome.CORRECTED
    Suggestion.objects.filter(pk=s.pk, outcome=Outcome.PENDING).update(
        chosen=chosen, outcome=outcome, decided_by=actor if getattr(actor, "pk", None) else None,
        decided_at=now or timezone.now(),
    )
    return outcome


def feedback(*, days: int = 30, now: dt.datetime | None = None) -> list[dict]:
    """Per kind, the decisions of the last `days` days: how many, accepted, corrected, the rate,
    and how often the chosen value was among the suggestions shown at all."""
    since = (now or timezone.now()) - dt.timedelta(days=days)
    decided = Suggestion.objects.filter(decided_at__gte=since).exclude(outcome=Outcome.PENDING)
    counts = {r["kind"]: r for r in decided.values("kind").annotate(
        n=Count("id"), accepted=Count("id", filter=Q(outcome=Outcome.ACCEPTED)))}
    out = []
    for kind in Kind:
        r = counts.get(kind.value, {"n": 0, "accepted": 0})
        in_list = sum(1 for chosen, ranked in decided.filter(kind=kind).values_list("chosen", "ranked")
                      if chosen in {str(c) for c, _ in ranked})
        out.append({
            "kind": kind.value, "label": kind.label, "decided": r["n"], "accepted": r["accepted"],
            "corrected": r["n"] - r["accepted"], "rate": r["accepted"] / r["n"] if r["n"] else None,
            "in_top": in_list / r["n"] if r["n"] else None,
        })
    return out
