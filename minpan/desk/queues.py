"""The work queues: which cases each tab holds, its count, filters and sort.

Read-only selectors over cases.access.visible_cases, so every queue holds only what
the user may see. Each queue is a Q built from the request's Clock; the counts of all
tabs come from one aggregate query, and an unfiltered page takes its total from them.

The search box (`q`) matches subject and body (icontains) or the registration number
exactly. On PostgreSQL the trigram indexes of cases migration 0006 answer it for three
characters or more; shorter queries scan the queue's cases (docs/performance.md,
"Search and tab counts").
"""
from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from django import forms
from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet

from minpan.cases import encryption
from minpan.cases.access import held_cases, holding, is_center, unit_paths, visible_cases
from minpan.cases.deadlines import BY_HAND
from minpan.cases.models import Case, ExtensionRequest, ExtensionState
from minpan.cases.states import AWAITING_UNIT_ANSWER, HELD_BY_UNIT, OPEN_STATES, UNIT_AT_WORK, Channel, Domain, MessageType, State
from minpan.params import whole_number
from minpan.policies.active import active_policy
from minpan.policies.rules import Policy
from minpan.units.models import Level, Unit
from minpan.units.roles import STAFF_ROLES, UNIT_LEADERS, UNIT_ROLES, Role
from minpan.workdays.arith import end_of_day

from . import tab_counts
from .clock import Clock

# as lists, in the order of State: the same SQL (and the same index use) on every run
HELD = [s for s in State if s in HELD_BY_UNIT]
AT_WORK = [s for s in State if s in UNIT_AT_WORK]
AWAITING = [s for s in State if s in AWAITING_UNIT_ANSWER]
OPEN = [s for s in State if s in OPEN_STATES]


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str
    where: Callable[[Clock], Q]  # of the clock alone: desk.tab_counts keeps the counts statement per shape
    roles: frozenset        # whose tab bar shows it (the cases are still only those the user may see)
    order: str = "received"  # default sort
    clock: bool = False     # show working days left
    counted: bool = True
    # also the cases a unit no longer holds (returned, re-dispatched): only the full list has them
    past: bool = False
    # a tab for a rule some documents have: shown where the policy in force has it
    rule: Callable[[Policy], bool] | None = None


def _in(*states) -> Callable[[Clock], Q]:
    return lambda clock: Q(state__in=[s.value for s in states])


def _extension(state: ExtensionState) -> Callable[[Clock], Q]:
    # 逐级: a request the unit's leader has not signed is theirs, not yet the reviewer's
    asked = ExtensionRequest.objects.filter(case=OuterRef("pk"), state=state)
    return lambda clock: Q(state__in=HELD, extension_pending=True) & Q(Exists(asked))


QUEUES: list[Queue] = [
    Queue("review", "待初审", _in(State.RECEIVED), frozenset({Role.CENTER_OPERATOR, Role.ADMIN}), "received_asc"),
    Queue("dispatch", "待交办", _in(State.ACCEPTED, State.REGISTERED), frozenset({Role.CENTER_OPERATOR, Role.ADMIN}), "received_asc"),
    Queue("claim", "待认领", _in(State.DISPATCHED), frozenset({Role.CENTER_OPERATOR, Role.ADMIN} | UNIT_ROLES), "due", True),
    Queue("working", "办理中", _in(*AT_WORK), STAFF_ROLES, "due", True),
    Queue("due_soon", "即将到期",
          lambda c: Q(state__in=HELD, due_at__gt=c.now, due_at__lte=c.soon), STAFF_ROLES, "due", True),
    Queue("overdue", "已逾期", lambda c: Q(state__in=HELD, due_at__lte=c.now), STAFF_ROLES, "due", True),
    Queue("returned", "退办待处理", _in(State.RETURNED), frozenset({Role.CENTER_OPERATOR, Role.CENTER_REVIEWER, Role.ADMIN}), "received_asc"),
    Queue("endorse", "延期待签批", _extension(ExtensionState.ENDORSING), frozenset(UNIT_LEADERS | {Role.ADMIN}), "due", True),
    Queue("extension", "延期待审批", _extension(ExtensionState.PENDING),
          UNIT_LEADERS | {Role.CENTER_REVIEWER, Role.ADMIN}, "due", True),
    Queue("sign", "待审签", _in(State.DRAFTED), frozenset(UNIT_ROLES | {Role.ADMIN}), "due", True),
    Queue("submitted", "待审核", _in(State.SUBMITTED), frozenset({Role.CENTER_REVIEWER, Role.ADMIN} | UNIT_ROLES), "due", True),
    Queue("publish", "待发布", _in(State.APPROVED), frozenset({Role.CENTER_OPERATOR, Role.CENTER_REVIEWER, Role.ADMIN}), "received_asc"),
    Queue("callback", "待回访", lambda c: Q(callback_due=True) & ~Q(state=State.ARCHIVED),
          frozenset({Role.CENTER_OPERATOR, Role.UNIT_HANDLER, Role.ADMIN})),
    Queue("follow_up", "网民追问", lambda c: Q(follow_up_at__isnull=False, callback_due=True) & ~Q(state=State.ARCHIVED),
          frozenset({Role.CENTER_OPERATOR, Role.UNIT_HANDLER, Role.ADMIN})),  # 追问 not yet answered by a callback
    # written as one state range plus a filter, so the covering index answers it alone
    Queue("archive", "可归档", lambda c: Q(state__in=[State.NOT_ACCEPTED, State.PUBLISHED]) & (Q(state=State.NOT_ACCEPTED) | Q(callback_due=False)),
          frozenset({Role.CENTER_OPERATOR, Role.ADMIN})),
    # Chizhou 第九条(四), Yuncheng 五(三): the cases whose reminder day has come, to be reminded by
    # phone before the deadline, until the call is recorded (Action.PHONE_REMIND)
    Queue("phone", "今日电话催办", lambda c: _phone_due(c), frozenset({Role.CENTER_OPERATOR, Role.ADMIN}), "due", True,
          rule=lambda p: _by_hand(p)),
    # Chizhou 第九条(四): leader-instructed cases awaiting on-site supervision (Action.ON_SITE)
    Queue("on_site", "待实地督查", lambda c: Q(on_site_due=True, state__in=OPEN), frozenset({Role.SUPERVISOR, Role.CENTER_OPERATOR, Role.ADMIN}),
          "due", True, rule=lambda p: p.escalation.supervised_on_site),
    # Chizhou 第九条(二): cases reported to a city leader (一事一报) awaiting the instruction
    Queue("to_leader", "一事一报待批示", lambda c: Q(reported_to__isnull=False, state__in=OPEN),
          frozenset({Role.CITY_LEADER, Role.SUPERVISOR, Role.CENTER_OPERATOR, Role.ADMIN}), "received_asc",
          rule=lambda p: p.escalation.report_to_leader),
    Queue("all", "全部留言", lambda c: Q(), STAFF_ROLES, counted=False, past=True),
]
BY_SLUG = {q.slug: q for q in QUEUES}
# Every counted queue lies within these states: the one count query never reads the archive.
COUNTED_STATES = [s.value for s in State if s not in (State.ARCHIVED, State.MERGED)]


def _by_hand(policy: Policy) -> bool:
    return any(way in policy.reminder.by for way in BY_HAND)


def _phone_due(clock: Clock) -> Q:
    """The center's phone reminder is due (phone_at: the reminder day the sweep also uses, set only
    under a policy naming the phone or SMS, until the call is recorded) and the deadline is ahead."""
    return Q(state__in=AWAITING, phone_at__lt=end_of_day(clock.today), due_at__gt=clock.now)


def queues_for(roles: AbstractSet[str]) -> list[Queue]:
    in_force = active_policy()
    return [q for q in QUEUES if q.roles & roles and (q.rule is None or q.rule(in_force))]


def counts(user, queues: list[Queue], clock: Clock) -> dict[str, int]:
    """The size of every counted tab, in one query (its statement built once per shape: desk.tab_counts)."""
    counted = [q for q in queues if q.counted]
    if not counted:
        return {}

    def build(c) -> dict[str, int]:
        return held_cases(user).filter(state__in=COUNTED_STATES).aggregate(**{q.slug: Count("pk", filter=q.where(c)) for q in counted})

    if not (user.is_authenticated and user.is_active):
        return build(clock)
    scope = ("center",) if is_center(user) else tuple(unit_paths(user))
    return tab_counts.counts(tuple(q.slug for q in counted), scope, clock, build)


SORTS = {
    "received": ("-received_at", "-pk"),
    "received_asc": ("received_at", "pk"),
    "due": ("due_at", "pk"),
    "reg_no": ("reg_no", "pk"),
}
SORT_LABELS = [("received", "收到时间（新→旧）"), ("received_asc", "收到时间（旧→新）"), ("due", "办理期限（近→远）"), ("reg_no", "登记编号")]


def _blank(choices) -> list:
    return [("", "全部")] + list(choices)


class QueueFilter(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": "标题或内容关键词", "type": "search"}))
    channel = forms.ChoiceField(label="渠道", required=False, choices=_blank(Channel.choices))
    msg_type = forms.ChoiceField(label="类型", required=False, choices=_blank(MessageType.choices))
    domain = forms.ChoiceField(label="领域", required=False, choices=_blank(Domain.choices))
    unit = forms.ModelChoiceField(label="承办单位", required=False, empty_label="全部",
                                  queryset=Unit.objects.exclude(level=Level.CENTER).only("pk", "name"))
    state = forms.ChoiceField(label="状态", required=False, choices=_blank(State.choices))
    since = forms.DateField(label="收到自", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="至", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(label="排序", required=False, choices=SORT_LABELS)

    NARROWING = ("q", "channel", "msg_type", "domain", "unit", "state", "since", "until")

    def narrows(self) -> bool:
        """Whether the filters leave out some of the queue's cases (sort and page do not)."""
        data = self.cleaned_data if self.is_valid() else {}
        return any(data.get(name) for name in self.NARROWING)

    def controls(self) -> list[dict]:
        """The fields as plain data: the template draws them in one loop (Django's widget
        templates cost a template render per <option>, a third of a queue page's time)."""
        data = self.cleaned_data if self.is_valid() else {}
        out = []
        for name, field in self.fields.items():
            value = data.get(name) if self.is_bound else self.initial.get(name, "")
            if isinstance(value, Model):
                value = value.pk
            item: dict[str, object] = {"name": name, "label": field.label, "value": "" if value is None else str(value)}
            if isinstance(field, forms.ModelChoiceField):
                assert field.queryset is not None  # the unit field is declared with its queryset
                item["choices"] = [("", "全部")] + [(str(u.pk), u.name) for u in field.queryset]
            elif isinstance(field, forms.ChoiceField):
                # Django normalises a field's choices to a list; the stubs also allow the unnormalised input
                assert isinstance(field.choices, list)
                item["choices"] = [(str(k), v) for k, v in field.choices]
            else:
                item["type"] = "search" if name == "q" else "date"
            out.append(item)
        return out

    def filter(self, qs: QuerySet[Case], default_sort: str, *, center: bool = True) -> QuerySet[Case]:
        """`center`: whether the reader sees the raw text; a unit searches what it reads, so a case
        whose writer is withheld from units is not found by the writer's name, phone or ID."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("q"):
            text = data["q"].strip()
            raw = Q(subject__icontains=text) | Q(body__icontains=text)
            if not center:
                masked = Q(masked_subject__icontains=text) | Q(masked_body__icontains=text)
                raw = (Q(identity_withheld=False) & raw) | (Q(identity_withheld=True) & masked)
            elif len(encryption.digits(text)) >= 7:
                # the center finds a writer's messages by their phone: the column is encrypted, so
                # by its keyed hash (under every listed key, during a rotation)
                raw |= Q(citizen__phone_hash__in=encryption.phone_hashes(text))
            qs = qs.filter(raw | Q(reg_no=text))
        for field in ("channel", "msg_type", "domain", "state"):
            if data.get(field):
                qs = qs.filter(**{field: data[field]})
        if data.get("unit"):
            qs = qs.filter(lead_unit=data["unit"])
        if data.get("since"):
            qs = qs.filter(received_at__date__gte=data["since"])
        if data.get("until"):
            qs = qs.filter(received_at__date__lte=data["until"])
        sort = data.get("sort") or default_sort
        return qs.order_by(*SORTS.get(sort, SORTS["received"]))


LIST_FIELDS = ("pk", "reg_no", "subject", "identity_withheld", "masked_subject", "channel", "msg_type", "domain", "state", "urgency", "received_at",
               "due_at", "lead_unit__name", "supervised", "extension_pending", "callback_due",
               "on_site_due", "reported_to")


def _base(user, queue: Queue) -> QuerySet[Case]:
    return visible_cases(user) if queue.past else held_cases(user)


def _mark_held(user, qs: QuerySet[Case]) -> QuerySet[Case]:
    # a unit's row for a case it no longer holds shows neither the case's later state nor the next unit
    return qs if is_center(user) else qs.annotate(held=holding(user))


def queue_cases(user, queue: Queue, clock: Clock, filters: QueueFilter) -> QuerySet[Case]:
    qs = _base(user, queue).filter(queue.where(clock))
    qs = filters.filter(qs, queue.order, center=is_center(user)).select_related("lead_unit").only(*[f for f in LIST_FIELDS if f != "pk"])
    return _mark_held(user, qs)


PER_PAGE = 50
MAX_PAGE = 10**6  # 50 million cases; the offset stays an integer every database takes


def _long_digits(value) -> bool:
    return isinstance(value, str) and value.isascii() and value.isdigit() and int(value) > MAX_PAGE


@dataclass
class Page:
    """One page of a queue. Its ids come from a query the covering index answers alone
    (desk migration 0002), the rows from one query by primary key: the heap is read for
    the fifty rows shown, not for every case the queue holds. `total` is None for 全部留言,
    which is not counted (counting the archive costs more than the page)."""

    number: int
    rows: list[Case]
    total: int | None
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def num_pages(self) -> int | None:
        return None if self.total is None else max(1, -(-self.total // PER_PAGE))

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def queue_page(user, queue: Queue, clock: Clock, filters: QueueFilter, number, tab_count: int | None = None) -> Page:
    """`tab_count`: the queue's size from `counts` with the same clock; an unfiltered page uses
    it as its total instead of counting the same cases a second time."""
    qs = filters.filter(_base(user, queue).filter(queue.where(clock)), queue.order, center=is_center(user))
    # anything but a plain page number is the first page; past the last page, the last one
    # (an uncounted queue stops at MAX_PAGE: a page beyond it is past any queue's end)
    number = whole_number(number, most=MAX_PAGE) or (MAX_PAGE if _long_digits(number) else 1)
    if not queue.counted:
        total = None
    elif tab_count is not None and not filters.narrows():
        total = tab_count
    else:
        total = qs.count()
    if total is not None:
        number = min(number, max(1, -(-total // PER_PAGE)))
    start = (number - 1) * PER_PAGE
    ids = list(qs.values_list("pk", flat=True)[start:start + PER_PAGE + 1])
    has_next = len(ids) > PER_PAGE
    ids = ids[:PER_PAGE]
    rows = _mark_held(user, Case.objects.filter(pk__in=ids).select_related("lead_unit").only(*LIST_FIELDS[1:]))
    found = {c.pk: c for c in rows} if ids else {}
    return Page(number=number, rows=[found[i] for i in ids if i in found], total=total, has_next=has_next)
