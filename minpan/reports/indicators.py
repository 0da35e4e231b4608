"""The statistics indicators, defined once (issue 15; the words are in docs/indicators.md).

Every figure is counted by the database (grouped counts, never a loop over the cases), for a
Period of Asia/Shanghai calendar dates, in total or broken down by channel, message type,
domain or unit. A unit's row holds its sub-units' cases: the counts are grouped by the unit
that holds the case and rolled up to its top unit here, on a few hundred rows at most.

The deadline in force is Case.deadline_at (cases.deadlines.recompute): clock start + the
policy's days + approved extensions, kept after the answer; a case's answer is on time when
published before 24:00 of that day. A reopened case counts with its latest round.
"""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, fields

from django.db import connection, transaction
from django.db.models import Case as Choose
from django.db.models import Count, F, Q, When
from django.db.models.functions import TruncDate

from minpan.cases.models import Case, Event, LookBackItem, LookBackResult
from minpan.cases.states import Action, PublishMode, Rating, State
from minpan.units.models import Unit
from minpan.workdays.arith import SHANGHAI
from minpan.workdays.service import load_calendar

from .periods import Period

# The breakdowns the issue names, and the case column each groups by.
DIMENSIONS = {"channel": "channel", "type": "msg_type", "domain": "domain", "unit": "lead_unit"}
SATISFIED = (Rating.SATISFIED, Rating.BASICALLY)


@dataclass
class Figures:
    received: int = 0           # cases received in the period
    not_accepted: int = 0       # of those, not accepted at initial review
    accepted: int = 0           # of those, accepted at initial review
    answered: int = 0           # cases whose answer was published (publicly or privately) in the period
    answered_public: int = 0    # of those, published on the website
    answered_on_time: int = 0   # of those, published before 24:00 of the deadline in force
    fell_due: int = 0           # accepted cases whose deadline in force falls in the period
    fell_due_on_time: int = 0   # of those, answered before 24:00 of it
    overdue_open: int = 0       # at the period's end: not answered, deadline in force already past
    rated: int = 0              # ratings given in the period
    satisfied: int = 0          # of those, 满意 or 基本满意
    extensions: int = 0         # extensions approved in the period
    returns: int = 0            # cases a unit gave back (退办) in the period
    submitted: int = 0          # answers units submitted to the center in the period
    send_backs: int = 0         # answers the center sent back for redoing (退回重办) in the period
    callbacks: int = 0          # callbacks to the writer recorded in the period
    merged: int = 0             # repeats merged into an earlier case (并单) in the period
    # 回头看 (Chizhou 第九条(七)): closed cases drawn, checked, found wanting, reopened for it
    look_back_sampled: int = 0  # cases drawn into a 回头看 sample in the period
    look_back_checked: int = 0  # checks recorded in the period
    look_back_problems: int = 0  # of those, the measures found 部分落实 or 未落实
    look_back_reopened: int = 0  # cases reopened (重新办理) in the period after a check found 未落实
    # working days from receipt to the answer, for the cases answered in the period: days -> cases
    days_to_answer: Counter = field(default_factory=Counter)

    @property
    def on_time_rate(self) -> float | None:
        """按时办结率."""
        return _rate(self.fell_due_on_time, self.fell_due)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率."""
        return _rate(self.satisfied, self.rated)

    @property
    def send_back_rate(self) -> float | None:
        """重办率: answers sent back among the answers submitted in the period."""
        return _rate(self.send_backs, self.submitted)

    @property
    def avg_working_days(self) -> float | None:
        total = sum(self.days_to_answer.values())
        return sum(d * n for d, n in self.days_to_answer.items()) / total if total else None

    @property
    def median_working_days(self) -> float | None:
        total = sum(self.days_to_answer.values())
        if not total:
            return None
        middle = [(total - 1) // 2, total // 2]  # one position when odd, the two middle ones when even
        values, seen = [], 0
        for days in sorted(self.days_to_answer):
            n = self.days_to_answer[days]
            values += [days for m in middle if seen <= m < seen + n]
            seen += n
        return sum(values) / 2

    def add(self, other: Figures) -> None:
        for f in fields(self):
            if f.name == "days_to_answer":
                self.days_to_answer.update(other.days_to_answer)
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict:
        """Every indicator, in the order of docs/indicators.md; rates are fractions or None."""
        counts = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "days_to_answer"}
        return {
            **{k: counts[k] for k in ("received", "not_accepted", "accepted", "answered", "answered_public", "answered_on_time",
                                      "fell_due", "fell_due_on_time")},
            "on_time_rate": self.on_time_rate,
            "overdue_open": self.overdue_open,
            "rated": self.rated, "satisfied": self.satisfied, "satisfaction_rate": self.satisfaction_rate,
            "extensions": self.extensions, "returns": self.returns,
            "submitted": self.submitted, "send_backs": self.send_backs, "send_back_rate": self.send_back_rate,
            "avg_working_days": self.avg_working_days, "median_working_days": self.median_working_days,
            "callbacks": self.callbacks, "merged": self.merged,
            **{k: counts[k] for k in LOOK_BACK},
        }


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def figures(period: Period, by: str | None = None, only: set[str] | None = None) -> dict:
    """The indicators for the period: {None: Figures} in total, or {key: Figures} by one of
    DIMENSIONS (for "unit" the key is the top unit's id; None: no unit holds the case).
    `only`: the indicators wanted (the others are left at 0, their queries not run)."""
    if by is not None and by not in DIMENSIONS:
        raise ValueError(f"unknown breakdown {by!r}")
    return breakdowns(period, (by,) if by else (), only)[by]


def breakdowns(period: Period, dims: tuple[str, ...] = tuple(DIMENSIONS), only: set[str] | None = None) -> dict:
    """{None: {None: total}, dim: {key: Figures}, …} for the dims asked: each counted set is
    grouped by all of them in one query (a few thousand groups at most), then summed up here
    for the total and each breakdown; only the working days need one query per breakdown."""
    with _no_jit():
        return _breakdowns(period, dims, only)


def _breakdowns(period: Period, dims: tuple[str, ...], only: set[str] | None) -> dict:
    def wanted(names) -> bool:
        return only is None or bool(only & set(names))

    groups: dict = {}
    for base in (_received, _answered, _fell_due, _overdue_open):
        conditions = {name: _condition(name, period) for name, (b, _) in ON_CASES.items() if b is base and wanted((name,))}
        if conditions:
            aggregates = {name: Count("pk", filter=cond) if cond else Count("*") for name, cond in conditions.items()}
            sets = [Case.objects.filter(q) for q in _overdue_parts(period)] if base is _overdue_open else [base(period)]
            for qs in sets:
                _add(groups, _grouped(qs, {d: F(DIMENSIONS[d]) for d in dims}, aggregates))
    if wanted(ON_EVENTS):
        # the counts read from the events alone in one pass; those that look through the case
        # (回头看 reopenings) in their own, on a few events: a join in the pass would cost every event
        plain = [name for name in ON_EVENTS if name not in THROUGH_CASE]
        for names in (plain, *([name] for name in THROUGH_CASE)):
            actions = sorted({ON_EVENTS[name][0] for name in names})
            events = Event.objects.filter(at__gte=period.start, at__lt=period.end, action__in=actions)
            aggregates = {name: Count("pk", filter=_event_condition(name)) for name in names}
            _add(groups, _grouped(events, {d: _event_key(d) for d in dims}, aggregates))
    if wanted(ON_ITEMS):
        _add(groups, _grouped(_sampled(period), {d: F(f"case__{DIMENSIONS[d]}") for d in dims}, {"look_back_sampled": Count("pk")}))
    out: dict = {None: {None: Figures()}, **{d: {} for d in dims}}
    for keys, fig in groups.items():
        out[None][None].add(fig)
        for dim, k in zip(dims, keys):
            out[dim].setdefault(k, Figures()).add(fig)
    if wanted(("avg_working_days", "median_working_days")):
        total = out[None][None].days_to_answer
        for i, by in enumerate(dims or (None,)):
            for key, days, n in _days_to_answer(period, by):
                out[by].setdefault(key, Figures()).days_to_answer[days] += n
                if by is not None and i == 0:
                    total[days] += n  # each answered case is in one row of a breakdown: the total is their sum
    if "unit" in out:
        out["unit"] = _roll_up(out["unit"])
    return out


def by_month(months: list[Period]) -> list[Figures]:
    """收到 and 答复 for each of consecutive months (the dashboard's trend): one query per moment,
    a conditional count of the moment per month over the whole range, read from the moment's
    own index (an index-only scan: no case row is read), not two queries per month; each month's two
    figures are those of figures(month, only={"received", "answered"})."""
    out = [Figures() for _ in months]
    with _no_jit():
        for name, moment in (("received", "received_at"), ("answered", "answered_at")):
            counts = Case.objects.filter(**{f"{moment}__gte": months[0].start, f"{moment}__lt": months[-1].end}).aggregate(**{
                str(i): Count(moment, filter=Q(**{f"{moment}__gte": m.start, f"{moment}__lt": m.end})) for i, m in enumerate(months)
            })
            for i, fig in enumerate(out):
                setattr(fig, name, counts[str(i)])
    return out


@contextmanager
def _no_jit():
    """PostgreSQL compiles a big aggregate's expressions (JIT) at 0.1–0.4 s a query, more than
    it saves on a few hundred thousand rows: off for the statistics' queries, in their own
    transaction (SET LOCAL ends with it)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL jit = off")
        yield


def cases_behind(period: Period, name: str, by: str | None = None, key=None):
    """The cases a figure counts: the list behind a number on the dashboard. For a count of
    actions, the cases they were taken on (a case sent back twice is listed once)."""
    if name in ON_CASES:
        base, cond = ON_CASES[name][0], _condition(name, period)
        qs = base(period).filter(cond) if cond else base(period)
        return qs.filter(_in_group(by, key, "", "lead_unit")) if by else qs
    if name in ON_ITEMS:
        items = _sampled(period)
        return Case.objects.filter(pk__in=(items.filter(_in_group(by, key, "case__", "case__lead_unit")) if by else items).values("case"))
    if name not in ON_EVENTS:
        raise ValueError(f"unknown indicator {name!r}")
    events = Event.objects.filter(_event_condition(name), at__gte=period.start, at__lt=period.end)
    if by:
        events = events.filter(_in_group(by, key, "case__", "unit" if name == "returns" else "case__lead_unit"))
    return Case.objects.filter(pk__in=events.values("case"))


def _add(out: dict, rows) -> None:
    for key, counts in rows:
        fig = out.setdefault(key, Figures())
        for name, n in counts.items():
            setattr(fig, name, getattr(fig, name) + n)


def _grouped(qs, keys: dict, aggregates: dict) -> list:
    """(tuple of key values, {name: count}) rows: one aggregate query, grouped by `keys`."""
    qs = qs.order_by()  # the models' default ordering would join the GROUP BY
    if not keys:
        return [((), qs.aggregate(**aggregates))]
    names = {f"by_{d}": expr for d, expr in keys.items()}
    rows = qs.annotate(**names).values(*names).annotate(**aggregates)
    return [(tuple(row.pop(n) for n in names), row) for row in rows]


def _in_group(by: str, key, to_case: str, unit: str) -> Q:
    """The condition for one row of a breakdown: `to_case` leads from the rows to their case
    ("" or "case__"), `unit` names the unit column that row is counted for; a unit's row holds
    the unit and all its sub-units."""
    if by != "unit":
        return Q(**{f"{to_case}{DIMENSIONS[by]}": key or ""})
    if key is None:
        return Q(**{f"{unit}__isnull": True})
    return Q(**{f"{unit}__path__startswith": Unit.objects.get(pk=key).path})


def _decided(period: Period, action: Action) -> Q:
    # a decision comes after the receipt: only the events since the period's start are looked
    # at (the events' (action, at) index), gathered once (a hashed IN), not looked up case by case
    return Q(pk__in=Event.objects.filter(action=action, at__gte=period.start).values("case"))


def _sampled(period: Period):
    return LookBackItem.objects.filter(sample__drawn_at__gte=period.start, sample__drawn_at__lt=period.end)


def _received(period: Period):
    return Case.objects.filter(received_at__gte=period.start, received_at__lt=period.end)


def _accepted(period: Period) -> Q:
    # a channel's answered history (minpan import) was accepted where it was answered
    return _decided(period, Action.ACCEPT) | _decided(period, Action.IMPORT_ANSWERED)


def _refused(period: Period) -> Q:
    return _decided(period, Action.NOT_ACCEPT) & ~_decided(period, Action.ACCEPT)


def _answered(period: Period):
    return Case.objects.filter(answered_at__gte=period.start, answered_at__lt=period.end)


def _fell_due(period: Period):
    # a deadline is 24:00 of its day, stored as 00:00 of the next: its day is in the period
    # when the stored moment is in (start, end]
    return Case.objects.filter(deadline_at__gt=period.start, deadline_at__lte=period.end)


def _answered_in_round_before(moment) -> Q:
    """Answered before `moment` in the case's present round (an answer older than the clock is
    a reopened case's earlier answer)."""
    return Q(answered_at__lt=moment, answered_at__gte=F("clock_started_at"))


def _overdue_open(period: Period):
    """Past its deadline at the period's end and not answered in its round by then: never
    answered, answered after the end (it still counts), or a reopened case whose answer is
    older than its clock."""
    q = Q()
    for part in _overdue_parts(period):
        q |= part
    return Case.objects.filter(q)


def _overdue_parts(period: Period) -> list[Q]:
    """The three ways of _overdue_open, disjoint (answer none, at or after the end, before it),
    so counted apart and added: each served by its own partial index (case_unanswered_deadline,
    case_late_answered, case_reopened_deadline). Asked as one OR, the planner guesses
    a third of the table for `answered_at < clock_started_at` and reads it all."""
    end, due = period.end, Q(deadline_at__lte=period.end)
    # the second says again that such an answer is late (at or after the deadline): what lets the
    # planner use case_late_answered, a few late answers rather than every answer since the end
    return [due & Q(answered_at__isnull=True), due & Q(answered_at__gte=end) & Q(answered_at__gte=F("deadline_at")),
            due & Q(answered_at__lt=F("clock_started_at")) & Q(answered_at__lt=end)]


# Each indicator counted on cases: the set it is counted in, and the condition within it (None:
# all; a function: the condition for a period).
ON_CASES = {
    "received": (_received, None),
    # the initial-review decision: a case accepted is accepted, even if later merged; a refusal
    # later reopened (no accept event) stays a refusal
    "accepted": (_received, _accepted),
    "not_accepted": (_received, _refused),
    "answered": (_answered, None),
    "answered_public": (_answered, Q(publish_mode=PublishMode.PUBLIC)),
    # no deadline in force: the center's own direct answer, which no unit's clock measures
    "answered_on_time": (_answered, Q(deadline_at__isnull=True) | Q(answered_at__lt=F("deadline_at"))),
    "fell_due": (_fell_due, None),
    "fell_due_on_time": (_fell_due, _answered_in_round_before(F("deadline_at"))),
    "overdue_open": (_overdue_open, None),
}
# Each indicator counted on events taken in the period: the action, and a condition on the event.
ON_EVENTS = {
    "rated": (Action.RATE, None),
    "satisfied": (Action.RATE, Q(data__rating__in=[r.value for r in SATISFIED])),
    "extensions": (Action.APPROVE_EXTENSION, None),
    "returns": (Action.RETURN, None),
    "submitted": (Action.SUBMIT, None),
    "send_backs": (Action.SEND_BACK, None),
    "callbacks": (Action.CALLBACK, None),
    # the merged case's own event (the earlier case's timeline records the merge too)
    "merged": (Action.MERGE, Q(state_after=State.MERGED)),
    "look_back_checked": (Action.LOOK_BACK, None),
    "look_back_problems": (Action.LOOK_BACK, Q(data__result__in=[LookBackResult.PARTLY.value, LookBackResult.NOT_DONE.value])),
    # a reopening after the check found the measures not carried out (the case's one 回头看 item)
    "look_back_reopened": (Action.REOPEN, Q(case__look_back__result=LookBackResult.NOT_DONE,
                                            at__gte=F("case__look_back__recorded_at"))),
}
THROUGH_CASE = ("look_back_reopened",)
# 回头看's draws are no case's action: counted on the sample's items (cases.lookback), by the
# day the sample was drawn.
ON_ITEMS = {"look_back_sampled"}
INDICATORS = (*ON_CASES, *ON_EVENTS, *ON_ITEMS)
LOOK_BACK = ("look_back_sampled", "look_back_checked", "look_back_problems", "look_back_reopened")
# Every figure's Chinese name, in the order of docs/indicators.md (pages, workbooks, documents).
NAMES = {
    "received": "收到留言数", "not_accepted": "不予受理数", "accepted": "受理数",
    "answered": "答复数", "answered_public": "公开答复数", "answered_on_time": "按期答复数",
    "fell_due": "期限届满数", "fell_due_on_time": "按期办结数", "on_time_rate": "按时办结率",
    "overdue_open": "期末逾期未办结数", "rated": "评价数", "satisfied": "满意和基本满意数",
    "satisfaction_rate": "满意率", "extensions": "批准延期数", "returns": "退办数",
    "submitted": "报送答复数", "send_backs": "退回重办数", "send_back_rate": "重办率",
    "avg_working_days": "平均办理工作日", "median_working_days": "办理工作日中位数",
    "callbacks": "回访数", "merged": "并单数",
    "look_back_sampled": "回头看抽查数", "look_back_checked": "回头看核查数",
    "look_back_problems": "回头看发现问题数", "look_back_reopened": "回头看重新办理数",
}


def _condition(name: str, period: Period) -> Q | None:
    cond = ON_CASES[name][1]
    return cond(period) if callable(cond) else cond


def _event_condition(name: str) -> Q:
    action, cond = ON_EVENTS[name]
    return Q(action=action) & cond if cond else Q(action=action)


def _event_key(by: str):
    if by == "unit":
        # a return is the returning unit's; the case has no lead unit after it
        return Choose(When(action=Action.RETURN, then=F("unit")), default=F("case__lead_unit"))
    return F(f"case__{DIMENSIONS[by]}")


def _days_to_answer(period: Period, by):
    """(key, working days, cases): the answered cases grouped by their days of receipt and
    answer, counted in working days here, once per pair of days."""
    qs = _answered(period).order_by().annotate(on=TruncDate("received_at", tzinfo=SHANGHAI), off=TruncDate("answered_at", tzinfo=SHANGHAI))
    names = ["on", "off"]
    if by is not None:
        qs = qs.annotate(key=F(DIMENSIONS[by]))
        names.insert(0, "key")
    rows = list(qs.values(*names).annotate(n=Count("pk")))
    if not rows:
        return []
    cal = load_calendar(min(r["on"] for r in rows), max(r["off"] for r in rows))
    return [(r.get("key"), cal.count(r["on"], r["off"]), r["n"]) for r in rows]


def top_units(unit_ids) -> dict[int, Unit]:
    """Each unit's top unit (the first unit of its path): 东城街道 counts for 东城区."""
    paths = dict(Unit.objects.filter(pk__in=[u for u in unit_ids if u is not None]).values_list("pk", "path"))
    tops = {pk: int(path.strip("/").split("/")[0]) for pk, path in paths.items()}
    units = Unit.objects.in_bulk(set(tops.values()))
    return {pk: units[top] for pk, top in tops.items()}


def _roll_up(by_unit: dict) -> dict:
    tops = top_units(by_unit)
    out: dict = {}
    for unit_id, fig in by_unit.items():
        top = tops.get(unit_id)
        out.setdefault(top.pk if top else None, Figures()).add(fig)
    return out

