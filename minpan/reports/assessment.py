"""单位考核 (issue 15): each unit's score for a month or a year under the policy's Assessment
(policies.rules), with every event that moved it.

The events are the ones the core recorded, read with the statistics' own definitions
(reports.indicators): a case is overdue when its deadline in force fell in the period and it was
not answered by 24:00 of that day (fell_due less fell_due_on_time), on time otherwise; the other
points are actions taken in the period (send-backs, reminders, urges, criticisms, extensions,
ratings of 不满意, 回头看 findings). A sub-unit's cases count for its top unit, as in the
statistics' by-unit rows, and so does the number of cases that fell due, which a unit needs
`min_cases` of to be ranked. Reads only: nothing here writes.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from django.db.models import Case as Choose
from django.db.models import Count, Q, Value, When

from minpan.cases.models import Event, LookBackResult
from minpan.cases.states import Action, Rating
from minpan.policies.rules import Assessment, Policy
from minpan.units.models import Level, Unit
from minpan.units.people import memberships_of, roles_of
from minpan.units.roles import CENTER_ROLES, UNIT_ROLES
from minpan.workdays.arith import SHANGHAI

from .indicators import cases_behind, figures, top_units
from .periods import Period, PeriodError

# Each kind of event: its Chinese name and the Assessment field giving its points.
KINDS = {
    "overdue": ("逾期未按期办结", "overdue_points"),
    "on_time": ("按期办结", "on_time_points"),
    "send_back": ("答复被退回重办", "send_back_points"),
    "quality": ("答复质量问题被退回", "quality_points"),
    "prompt": ("到期前提醒、电话催办", "prompt_points"),
    "urge": ("逾期催办、督办", "urge_points"),
    "criticism": ("通报批评", "criticism_points"),
    "extension": ("批准延期", "extension_points"),
    "unsatisfied": ("网民评价不满意", "unsatisfied_points"),
    "look_back": ("“回头看”措施未落实", "look_back_points"),
}
ADDED = {"on_time"}  # the others take points off
# The actions read for each kind counted on events.
ON_EVENTS = {
    Action.SEND_BACK: "send_back", Action.REMIND: "prompt", Action.PHONE_REMIND: "prompt",
    Action.URGE: "urge", Action.CENTER_URGE: "urge", Action.SUPERVISE: "urge", Action.CRITICISE: "criticism",
    Action.APPROVE_EXTENSION: "extension", Action.RATE: "unsatisfied", Action.LOOK_BACK: "look_back",
}


@dataclass
class Item:
    """One event that moved a unit's score."""

    case_id: int
    case: str          # the case's number (登记编号)
    kind: str
    on: dt.date        # Asia/Shanghai date
    points: int        # signed: negative when taken off
    article: str

    @property
    def what(self) -> str:
        return KINDS[self.kind][0]

    def as_dict(self) -> dict:
        return {"case": self.case, "case_id": self.case_id, "kind": self.kind, "what": self.what,
                "points": self.points, "date": self.on.isoformat(), "article": self.article}


@dataclass
class Score:
    unit: Unit
    rule: Assessment
    cases: int = 0     # cases whose deadline in force fell in the period
    counts: Counter = field(default_factory=Counter)  # kind -> how many, counted by the database
    items: list[Item] = field(default_factory=list)   # the events themselves, where asked for
    ranked: bool = False
    rank: int | None = None

    def points(self, kind: str) -> int:
        """The signed points one event of this kind moves the score by."""
        n = getattr(self.rule, KINDS[kind][1])
        return n if kind in ADDED else -n

    @property
    def score(self) -> int:
        return self.rule.start_score + self.added - self.taken_off

    @property
    def taken_off(self) -> int:
        return -sum(self.points(k) * n for k, n in self.counts.items() if self.points(k) < 0)

    @property
    def added(self) -> int:
        return sum(self.points(k) * n for k, n in self.counts.items() if self.points(k) > 0)

    def as_dict(self) -> dict:
        return {"unit": self.unit.name, "unit_id": self.unit.pk, "cases": self.cases, "score": self.score,
                "taken_off": self.taken_off, "added": self.added, "ranked": self.ranked, "rank": self.rank,
                "items": [i.as_dict() for i in self.items]}


def period_of(year: str, month: str = "") -> Period:
    """A year ("2026") or a month ("2026-05", which must fall in that year when both are given),
    refused in words for the person who typed them."""
    year, month = (year or "").strip(), (month or "").strip()
    if (year or not month) and not (len(year) == 4 and year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100):
        raise PeriodError(f"考核年度 {year!r} 应写作四位数字，如 2026。")
    if month:
        y, _, m = month.partition("-")
        if not (len(y) == 4 and y.isascii() and y.isdigit() and m.isascii() and m.isdigit() and 1 <= int(m) <= 12):
            raise PeriodError(f"考核月份 {month!r} 应写作 YYYY-MM，如 2026-05。")
        if year and year != y:
            raise PeriodError(f"考核月份 {month} 不在 {year} 年。")
        return Period.month(int(y), int(m))
    return Period(dt.date(int(year), 1, 1), dt.date(int(year), 12, 31))


def assessed_units():
    """The units scored: the top units of the tree (a sub-unit counts for its own), not the center."""
    return Unit.objects.filter(parent__isnull=True, active=True).exclude(level=Level.CENTER).order_by("path")


def units_seen_by(user) -> set[int] | None:
    """The assessed units whose scores the user may see: None for every one (the center's people
    and city leaders), else the user's own units among the assessed ones (perhaps none: a
    sub-unit's staff may not see the other cases their top unit is scored on)."""
    if roles_of(user) & CENTER_ROLES:
        return None
    # assessed_units' rule, on the memberships the request has read already (the header asks this
    # on every staff page)
    return {m.unit_id for m in memberships_of(user) if m.role in UNIT_ROLES and m.unit.parent_id is None
            and m.unit.active and m.unit.level != Level.CENTER}


def assess(period: Period, policy: Policy, items_of: AbstractSet[int] | None = frozenset()) -> list[Score]:
    """Every assessed unit's score: the ranked ones by score (best first; equal scores share a
    rank, in the unit tree's order), then those with fewer than min_cases cases (不参与排名).
    The scores are counted by the database; the events behind them are listed for the units in
    `items_of` (None: every unit, as the workbook has them)."""
    rule = policy.assessment
    units = sorted(assessed_units(), key=lambda u: u.tree_order)
    scores = {u.pk: Score(unit=u, rule=rule) for u in units}
    for unit_id, fig in figures(period, by="unit", only={"fell_due", "fell_due_on_time"}).items():
        if unit_id in scores:
            s = scores[unit_id]
            s.cases = fig.fell_due
            s.counts.update(on_time=fig.fell_due_on_time, overdue=fig.fell_due - fig.fell_due_on_time)
    counted = list(_event_counts(period, policy))
    tops = top_units({unit for unit, *_ in counted})
    for unit, kind, n in counted:
        top = tops.get(unit)
        if top is not None and top.pk in scores:
            scores[top.pk].counts[kind] += n
    for s in scores.values():
        s.ranked = s.cases >= rule.min_cases
        if items_of is None or s.unit.pk in items_of:
            s.items = _items(period, policy, s)
    ranked = sorted((s for s in scores.values() if s.ranked), key=lambda s: -s.score)
    for place, s in enumerate(ranked, start=1):
        s.rank = place if place == 1 or s.score != ranked[place - 2].score else ranked[place - 2].rank
    return ranked + [s for s in scores.values() if not s.ranked]


def as_dict(period: Period, policy: Policy, scores: list[Score]) -> dict:
    """What `minpan report assessment` prints as JSON."""
    rule = policy.assessment
    return {
        "policy": policy.name, "basis": rule.basis, "from": period.first.isoformat(), "to": period.last.isoformat(),
        "start_score": rule.start_score, "min_cases": rule.min_cases,
        "points": {kind: (1 if kind in ADDED else -1) * getattr(rule, name) for kind, (_, name) in KINDS.items()},
        "units": [s.as_dict() for s in scores],
    }


def _article(kind: str, policy: Policy) -> str:
    quality = policy.reply_content.quality_article
    basis = policy.assessment.basis
    if kind == "quality" and quality and quality not in basis:
        return f"{quality}、{basis}" if basis else quality
    return basis


def _day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(SHANGHAI).date()


def _items(period: Period, policy: Policy, score: Score) -> list[Item]:
    """The events behind one unit's score (its sub-units' included), in the order they happened;
    kinds that move no points are left out."""
    within = score.unit.path
    found = [*_deadlines(period, within), *_events(period, policy, within)]
    items = [Item(pk, reg_no or f"留言#{pk}", kind, on, score.points(kind), _article(kind, policy))
             for pk, reg_no, kind, on in found if score.points(kind)]
    return sorted(items, key=lambda i: (i.on, i.case_id, i.kind))


def _deadlines(period: Period, within: str):
    """(case id, number, kind, date): each case of the unit whose deadline in force fell in the
    period, overdue on its deadline day or on time on the day of its answer."""
    mine = Q(lead_unit__path__startswith=within)
    on_time = set(cases_behind(period, "fell_due_on_time").filter(mine).values_list("pk", flat=True))
    rows = cases_behind(period, "fell_due").filter(mine).values_list("pk", "reg_no", "deadline_at", "answered_at")
    for pk, reg_no, deadline, answered in rows:
        if pk in on_time:
            yield pk, reg_no, "on_time", _day(answered)
        else:
            # stored as 00:00 of the day after the deadline day
            yield pk, reg_no, "overdue", _day(deadline) - dt.timedelta(days=1)


def _counted_events(period: Period):
    """The events in the period that move a score: of a rating, only 不满意; of a 回头看, only 未落实;
    of the ladder's rungs, only those taken (a rung skipped because the unit explained the delay
    is recorded with the reason, and moves nothing)."""
    return (Event.objects.filter(at__gte=period.start, at__lt=period.end, action__in=list(ON_EVENTS))
            .filter(~Q(action=Action.RATE) | Q(data__rating=Rating.UNSATISFIED))
            .filter(~Q(action=Action.LOOK_BACK) | Q(data__result=LookBackResult.NOT_DONE))
            .exclude(Q(data__has_key="skipped") & ~Q(data__skipped="")))


def _quality(policy: Policy) -> Q:
    # a send-back for a fault the policy names counts as that, not as a plain send-back
    return Q(action=Action.SEND_BACK, data__fault__in=sorted(policy.escalation.quality_faults))


def _event_counts(period: Period, policy: Policy):
    """(unit holding the case, kind, events): one grouped query."""
    rows = (_counted_events(period).order_by()
            .annotate(quality=Choose(When(_quality(policy), then=Value(True)), default=Value(False)))
            .values_list("case__lead_unit", "action", "quality").annotate(n=Count("pk")))
    for unit, action, quality, n in rows:
        yield unit, "quality" if quality else ON_EVENTS[Action(action)], n


def _events(period: Period, policy: Policy, within: str):
    """(case id, number, kind, date) for the unit's events in the period that move a score."""
    rows = (_counted_events(period).filter(case__lead_unit__path__startswith=within)
            .annotate(quality=Choose(When(_quality(policy), then=Value(True)), default=Value(False)))
            .order_by("at", "pk").values_list("case_id", "case__reg_no", "action", "quality", "at"))
    for pk, reg_no, action, quality, at in rows:
        yield pk, reg_no, "quality" if quality else ON_EVENTS[Action(action)], _day(at)
