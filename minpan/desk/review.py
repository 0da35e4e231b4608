"""The initial-review panel (初审助手): suggestions, similar earlier messages and the redaction preview.

Shown to center staff while the case is still with the center (received → dispatched). Everything
here only advises: the operator's choice goes through the same action forms, and the core records
whether a suggestion was accepted or corrected.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Set as AbstractSet

from minpan.cases.access import is_center, visible_cases
from minpan.cases.publication import public_text
from minpan.cases.states import Action, State
from minpan.cases.transitions import Standing, can_take
from minpan.catalogue.selectors import dispatch_proposals
from minpan.policies.active import policy_named
from minpan.similar.selectors import similar_cases
from minpan.textmine.hot import places, places_agree
from minpan.textmine.suggest import suggestions_for
from minpan.units.roles import CENTER_ROLES

REVIEW_STATES = frozenset({State.RECEIVED, State.ACCEPTED, State.REGISTERED, State.RETURNED})

def redaction_preview(case) -> dict:
    """The subject and body as publication would mask them now, each masked piece with its label:
    the same cut (cases.publication) the reviewer's 公开预览 and the public copy are made with."""
    text = public_text(case)
    counts = Counter(p.label for passage in (text.subject, text.body) for p in passage.masks)
    return {
        "subject": [(p.text, p.label) for p in text.subject.pieces],
        "body": [(p.text, p.label) for p in text.body.pieces],
        "counts": sorted(counts.items()),
    }


def _places(case) -> list[str]:
    return places(case.subject) or places(case.body)[:2]


def similar_for(user, case, k: int = 5) -> list[dict]:
    """Earlier messages like this one that the user may open, best first. Form letters about
    another estate or road read alike, so a row whose places differ from this one's says so."""
    found = similar_cases(case, k=k)
    ids = [c.pk for c, _ in found]
    # the center sees every case: no query to ask
    visible = set(ids) if is_center(user) else set(visible_cases(user).filter(pk__in=ids).values_list("pk", flat=True))
    mine = _places(case)
    rows = []
    for c, score in found:
        if c.pk not in visible:
            continue
        theirs = _places(c)
        rows.append({"case": c, "score": score, "percent": round(score * 100), "state": State(c.state).label,
                     "other_place": bool(mine and theirs and not places_agree(mine, theirs)),
                     # the core refuses a merge into a message not yet reviewed or turned away
                     "mergeable": c.state not in (State.RECEIVED, State.NOT_ACCEPTED)})
    return rows


def _kinds(suggestions: dict) -> list[dict]:
    """The three kinds of suggestion as rows of (label, percent, value) for the template."""
    out = []
    for kind, title in (("domain", "领域"), ("msg_type", "留言类型")):
        # (code, label, confidence); the lead unit is proposed with its reason (proposals below)
        rows = [(item[1], round(item[2] * 100), item[0]) for item in suggestions.get(kind) or []]
        out.append({"kind": kind, "title": title, "ranked": rows})
    return out


def review_context(user, case, roles: AbstractSet[str], known: Standing | None = None) -> dict | None:
    if case.state not in REVIEW_STATES or not (roles & CENTER_ROLES):
        return None
    suggestions = suggestions_for(case)
    at_intake = case.state == State.RECEIVED
    # 派单目录 first, the units learnt from earlier dispatches second, each with why
    proposals = dispatch_proposals(title=case.subject, body=case.body, learnt=suggestions.get("lead_unit") or [])
    return {
        "suggestions": suggestions,
        "proposals": proposals,
        "kinds": _kinds(suggestions),
        "model": suggestions.get("model") or "",
        "similar": similar_for(user, case) if at_intake else [],
        "may_merge": at_intake and can_take(user, case, Action.MERGE, known),
        "may_refuse": at_intake and "duplicate" in policy_named(case.policy_name).not_accepted_reasons
                      and can_take(user, case, Action.NOT_ACCEPT, known),
        "preview": redaction_preview(case),
        "at_intake": at_intake,
    }


def prefill(forms, suggestions: dict, proposals=()) -> None:
    """Put the top suggestion into the classify and dispatch forms where the case has no value yet,
    so accepting is one click and correcting is choosing another value. The lead unit is the first
    proposal (the catalogue's, else the learnt one)."""
    top = {kind: ranked[0][0] for kind, ranked in suggestions.items() if kind in ("domain", "msg_type") and ranked}
    leads = [(p.unit, None) for p in proposals] or suggestions.get("lead_unit") or []
    for form in forms:
        if form.is_bound:
            continue
        for name, value in top.items():
            field = form.fields.get(name)
            if field is not None and value in {c for c, _ in field.choices} and not getattr(form.case, name, ""):
                field.initial = value
        lead = form.fields.get("lead")
        if lead is not None and leads and form.case.lead_unit_id is None:
            unit = leads[0][0]
            if lead.queryset.filter(pk=unit.pk).exists():
                lead.initial = unit.pk
