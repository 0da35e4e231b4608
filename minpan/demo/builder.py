"""Build the demo: the city, its accounts and a few hundred cases walked through the real rules.

Every state change goes through minpan.cases.transitions.apply, as a person in the
right post at a plausible time, so the demo also exercises the active policy: a step
the rules refuse raises and stops the load (a bug in this builder, or in the core).
"""
from __future__ import annotations

import datetime as dt
import logging
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from minpan.cases.deadlines import extension_room
from minpan.cases.effects.base import contacted_before_handling
from minpan.cases.models import Case
from minpan.cases.services import case_collect
from minpan.cases.states import Action, State
from minpan.cases.transitions import apply
from minpan.policies.active import active_policy
from minpan.policies.rules import Policy
from minpan.workdays.arith import deadline_day, local_date
from minpan.workdays.service import load_calendar

from . import texts
from .canned import load_canned
from .catalogue import load_catalogue
from .city import CENTER, City, build_city, display_name
from .clock import Clock, Overshoot
from .knowledge import load_knowledge
from .plan import PENDING, Plan, make_plans

SEED = 2026
EARLY_INSTRUCT = (State.APPROVED, State.PUBLISHED, State.ARCHIVED)


@dataclass
class Result:
    city: City
    policy: Policy
    created: int = 0
    skipped: int = 0
    seconds: float = 0.0
    states: Counter = field(default_factory=Counter)


def load(cases: int = 300, seed: int = SEED) -> Result:
    started = time.monotonic()
    policy = active_policy()
    with transaction.atomic():
        city = build_city()
        load_canned(city)
        load_knowledge(city)
        load_catalogue(city)
    result = Result(city=city, policy=policy)
    # One minute back, so no step of a case is dated in the future even on a slow load.
    limit = timezone.now() - dt.timedelta(minutes=1)
    today = local_date(limit)
    cal = load_calendar(today - dt.timedelta(days=200), today + dt.timedelta(days=60))
    existing = set(Case.objects.filter(external_id__startswith="demo-").values_list("external_id", flat=True))
    with _warn_once():
        for plan in make_plans(policy, cases, seed):
            if plan.external_id in existing:
                result.skipped += 1
                continue
            _build(plan, city, policy, cal, limit, seed)
            result.created += 1
    rows = Case.objects.filter(external_id__startswith="demo-").values("state").annotate(n=Count("id"))
    result.states.update({r["state"]: r["n"] for r in rows})
    result.seconds = time.monotonic() - started
    return result


def _build(plan: Plan, city: City, policy: Policy, cal, limit: dt.datetime, seed: int) -> None:
    """Walk one plan; if its steps would run past now, replay it all from an earlier start."""
    shift = dt.timedelta()
    for _ in range(12):
        rng = random.Random(f"{seed}-{plan.external_id}")
        clock = Clock(limit - dt.timedelta(days=plan.age_days) - shift, limit, cal, rng)
        try:
            with transaction.atomic():
                Walk(plan, city, policy, clock, rng).run()
            return
        except Overshoot as exc:
            # Grow fast: before a long holiday (春节, 国庆) an earlier start may not move the end at all.
            shift = shift * 2 + exc.by + dt.timedelta(hours=12)
    raise RuntimeError(f"{plan.external_id}：无法在当前时间之前排完办理步骤")


class _Done(Exception):
    """The case has reached its planned state."""


class Walk:
    def __init__(self, plan: Plan, city: City, policy: Policy, clock: Clock, rng: random.Random):
        self.plan, self.city, self.policy, self.clock, self.rng = plan, city, policy, clock, rng
        self.pending = set(plan.detours & PENDING)
        self.operator, self.reviewer = city.users["shouli"], city.users["shenhe"]
        self.case: Case  # made by _run's first step, case_collect

    def run(self) -> None:
        try:
            self._run()
        except _Done:
            return
        raise RuntimeError(f"{self.plan.external_id} 未到达计划状态 {self.plan.target.label}")

    # ---- plumbing ----------------------------------------------------------------

    def do(self, action: Action, actor, **params) -> None:
        self.case = apply(self.case, action, actor=actor, now=self.clock.t, **params)

    def check(self) -> None:
        if self.case.state != self.plan.target or self.pending - {"instruct"}:
            return
        if "instruct" in self.pending:
            due = self.case.due_at if self.case.due_at and self.case.due_at < self.clock.limit else None
            self.clock.recently(after=due)
            self.instruct()
        raise _Done

    def unit(self, code: str):
        return self.city.units[code]

    def post(self, code: str, suffix: str):
        return self.city.post(code, suffix)

    @property
    def template(self) -> texts.Template:
        """Only a plan that is not accepted has no template, and its walk ends before the template is read."""
        if self.plan.template is None:
            raise RuntimeError(f"{self.plan.external_id}：只有不予受理的留言没有模板")
        return self.plan.template

    @property
    def reachable(self) -> bool:
        return bool(self.plan.citizen.get("phone") or self.plan.citizen.get("email"))

    # ---- the walk ------------------------------------------------------------------

    def _run(self) -> None:
        p = self.plan
        subject = p.fill["subject"].format(**p.fill)
        body = (p.template.body if p.template else p.fill["body"]).format(**p.fill)
        self.case, _ = case_collect(
            channel=p.channel, subject=subject, body=body, citizen=p.citizen, external_id=p.external_id,
            received_at=self.clock.t, may_publish=p.may_publish,
        )
        self.check()
        self.clock.office(20, 900)
        if p.repeats:
            self.merge()
        if p.reason:
            _, _, explanation, suggested = texts.REJECTED[p.reason]
            self.do(Action.NOT_ACCEPT, self.operator, reason=p.reason, explanation=explanation, suggested_channel=suggested)
            self.check()
            self.clock.days(1, 5)
            self.do(Action.ARCHIVE, self.operator)
            self.check()
        self.do(Action.ACCEPT, self.operator)
        self.check()
        self.clock.office(5, 90)
        self.do(Action.CLASSIFY, self.operator, msg_type=p.msg_type, domain=self.template.domain, urgency=p.urgency,
                identity_withheld=self.template.about_unit)
        self.check()
        if "direct" in p.detours:
            self.clock.office(30, 600)
            self.do(Action.DIRECT_ANSWER, self.operator, body=self.answer(center=True))
            self.check()
            self.after_approval()
            return
        while True:
            self.clock.office(10, 240)
            if "return" in self.pending:
                self.returned()
                continue
            self.do(Action.DISPATCH, self.operator, lead=self.unit(p.lead), co=[self.unit(c) for c in p.co])
            self.check()
            self.handle()
            if not self.after_approval():
                return

    def merge(self) -> None:
        """并单 into the earlier case this message repeats (the review panel lists it among the similar ones)."""
        target = Case.objects.get(external_id=self.plan.repeats)
        last = target.events.order_by("-seq").values_list("at", flat=True).first()
        if last and last >= self.clock.t:
            # the note on the earlier case's timeline must come after its own last step
            self.clock.recently(after=last)
        self.do(Action.MERGE, self.operator, target=target.pk)
        self.check()

    def returned(self) -> None:
        p = self.plan
        self.do(Action.DISPATCH, self.operator, lead=self.unit(p.wrong))
        self.check()
        self.clock.same_day(20, 200)
        self.do(Action.RETURN, self.post(p.wrong, "fg"),
                reason=f"经核实，该事项不属于本单位职责范围，应由{self.unit(p.lead).name}负责办理。",
                basis="《示范市人民政府工作部门职责分工规定》")
        self.pending.discard("return")
        self.check()

    def handle(self) -> None:
        p = self.plan
        handler = self.post(p.lead, "jb")
        self.clock.office(15, 570)
        self.do(Action.CLAIM, handler)
        self.check()
        if "instruct" in self.pending and p.target in EARLY_INSTRUCT:
            self.clock.office(30, 900)
            self.instruct()
        # Asked early, so a request is always before the deadline (Yuncheng gives only 3 working days).
        if self.pending & {"ext_pending", "ext_approved", "ext_refused"}:
            self.extension()
        if "meeting" in self.pending:
            self.meeting()
        if "hard_case" in self.pending:
            self.hard_case()
        for code in p.co:
            self.clock.days(0.3, 1.5)
            self.do(Action.CO_INPUT, self.post(code, "jb"), text=f"{self.unit(code).name}已按职责配合核查，意见如下：情况属实，将配合牵头单位处理。")
        self.clock.days(0.5, 2)
        self.draft(perfunctory="send_back" in self.pending)
        self.sign_and_submit()
        if "send_back" in self.pending:
            self.clock.office(60, 500)
            self.do(Action.SEND_BACK, self.reviewer, reason=self.rng.choice(texts.SEND_BACK_REASONS))
            self.pending.discard("send_back")
            self.check()
            self.clock.days(0.5, 1.5)
            self.draft(perfunctory=False)
            self.sign_and_submit()
        self.clock.office(60, 500)
        if self.policy.review.final_approver:
            # Xizang 第五条(二): the 督查室 prepares the answer, the 秘书长 approves it
            self.do(Action.PREPARE, self.reviewer)
            self.clock.office(30, 300)
            self.do(Action.APPROVE, self.city.users["shizhang"])
        else:
            self.do(Action.APPROVE, self.reviewer)
        self.check()

    def extension(self) -> None:
        rule, case = self.policy.extension, self.case
        requester = self.post(self.plan.lead, "jb" if "unit_handler" in rule.requester_roles else "fg")
        self.clock.days(0.3, 1.2)
        days = 10 if rule.max_days_each is None and rule.max_days_total and rule.max_days_total >= 10 else 3
        if rule.max_days_each:
            days = min(days, rule.max_days_each)
        room = extension_room(case, self.policy)
        if room is not None:
            days = min(days, room)
        # The promised date is the extended deadline itself: the latest the rules accept.
        promised = None
        if rule.needs_promised_date:
            if case.due_at is None:
                raise RuntimeError(f"{self.plan.external_id}：申请延期时留言没有办理期限")
            promised = self.clock.cal.add(deadline_day(case.due_at), days)
        late = case.due_at is not None and self.clock.t >= case.due_at
        self.do(Action.REQUEST_EXTENSION, requester, days=days, reason=self.rng.choice(texts.EXTENSION_REASONS),
                basis="《留言办理工作办法》关于延期办理的规定", promised_date=promised,
                progress=self.rng.choice(texts.EXTENSION_PROGRESS) if rule.needs_progress else "",
                writer_note=self.rng.choice(texts.LATE_NOTES) if rule.explain_late_to_writer and late else "")
        if rule.endorser_roles and "unit_handler" in rule.requester_roles:
            # 逐级 (Tongliao 第十四条): the 分管 leader signs the handler's request up to the center
            self.clock.office(30, 240)
            self.do(Action.ENDORSE_EXTENSION, self.post(self.plan.lead, "fg"), agree=True)
        self.pending.discard("ext_pending")
        self.check()
        if self.pending & {"ext_approved", "ext_refused"}:
            self.clock.office(60, 400)
            if "ext_approved" in self.pending:
                self.do(Action.APPROVE_EXTENSION, self.reviewer, decision_note="理由充分，同意延期。")
            else:
                self.do(Action.REFUSE_EXTENSION, self.reviewer, decision_note="该事项不复杂，请在原时限内办结。")
            self.pending -= {"ext_approved", "ext_refused"}
            self.check()

    def meeting(self) -> None:
        """Yuncheng 五(二): a 专题协调会议 names the lead, a department to take part, and a limit."""
        p = self.plan
        self.clock.office(60, 600)
        day = local_date(self.clock.t)
        units = [self.unit(c) for c in (*p.co, p.wrong)]
        self.do(Action.COORDINATE, self.operator, held_on=day, place="市政府第二会议室", lead=self.unit(p.lead), units=units,
                attendees="、".join(["市政府办公室", self.unit(p.lead).name, *(u.name for u in units)]),
                due_on=self.clock.cal.add(day, 7), minutes=self.rng.choice(texts.MEETING_MINUTES))
        self.pending.discard("meeting")
        self.check()

    def hard_case(self) -> None:
        """Tongliao 第十八条: the unit asks to explain a hard case; the center agrees."""
        self.clock.office(30, 300)
        self.do(Action.ASK_HARD_CASE, self.post(self.plan.lead, "jb"), reason=self.rng.choice(texts.HARD_CASE_REASONS))
        self.clock.office(30, 300)
        self.do(Action.AGREE_HARD_CASE, self.reviewer, reason="同意，请向留言人做好解释工作。")
        self.pending.discard("hard_case")
        self.check()

    def draft(self, perfunctory: bool) -> None:
        handler = self.post(self.plan.lead, "jb")
        if self.policy.follow_up.contact_before_handling and self.reachable and not contacted_before_handling(self.case):
            # Xizang 第五条(二): the unit calls the writer before handling
            self.do(Action.CONTACT_WRITER, handler, note=self.rng.choice(texts.CONTACT_NOTES))
            self.clock.office(30, 300)
        body = self.rng.choice(texts.PERFUNCTORY) if perfunctory else self.answer(center=False)
        self.do(Action.DRAFT, handler, body=body, handler_name=display_name(handler), handler_phone=self.unit(self.plan.lead).phone)
        self.check()

    def sign_and_submit(self) -> None:
        lead = self.plan.lead
        level = self.policy.sign_off.level_for(self.plan.channel)
        if level:
            self.clock.office(30, 300)
            signer = self.post(lead, "fzr" if level == "principal" or self.rng.random() < 0.3 else "fg")
            self.do(Action.SIGN_OFF, signer, sealed=self.policy.sign_off.seal)
            self.check()
        case = self.case
        called = case.callback_at and case.clock_started_at and case.callback_at >= case.clock_started_at
        if self.policy.follow_up.callback_before_submit and self.reachable and not called:
            self.clock.office(20, 120)
            self.do(Action.CALLBACK, self.post(lead, "jb"), note=self.rng.choice(texts.CALLBACK_NOTES))
        self.clock.office(10, 60)
        self.do(Action.SUBMIT, self.post(lead, "jb"))
        self.check()

    def after_approval(self) -> bool:
        """Publish, rating, callback and archive; True when the case is reopened for another round."""
        p = self.plan
        self.clock.office(10, 120)
        private = "private" in p.detours or not p.may_publish
        self.do(Action.PUBLISH, self.operator, mode="private" if private else "public",
                public_note="该留言涉及个人信息，已通过电话直接答复留言人。" if private else "")
        rating = "unsatisfied" if "reopen" in self.pending else p.rating
        if rating:
            self.clock.anytime(6, 96)
            self.do(Action.RATE, None, rating=rating, comment=self.rng.choice(texts.RATING_COMMENTS[rating]))
        self.check()
        if "reopen" in self.pending:
            self.clock.office(60, 900)
            self.do(Action.REOPEN, self.operator, reason="留言人对答复不满意，经核实问题尚未解决，重新交办。")
            self.pending.discard("reopen")
            self.check()
            return True
        if self.case.callback_due and self.reachable:
            # The lead unit calls back; a writer unsatisfied with the center's own answer hears from the center.
            caller = self.post(p.lead, "jb") if self.case.lead_unit_id else self.operator
            self.clock.days(0.3, 2)
            self.do(Action.CALLBACK, caller, note=self.rng.choice(texts.CALLBACK_NOTES))
            self.check()
        self.clock.days(1, 4)
        self.do(Action.ARCHIVE, self.operator)
        self.check()
        return False

    def instruct(self) -> None:
        leader = self.city.users["shizhang" if self.rng.random() < 0.7 else "ducha"]
        lead = self.unit(self.plan.lead).name
        text = self.rng.choice(texts.INSTRUCTIONS).format(unit=lead)
        self.do(Action.INSTRUCT, leader, text=text, leader_name=display_name(leader))
        self.pending.discard("instruct")

    def answer(self, *, center: bool) -> str:
        p = self.plan
        unit = self.unit(p.lead)
        fill = {**p.fill, "unit": unit.name}
        core = self.template.reply.format(**fill)
        if center:
            return f"网友：您好！经{self.unit(CENTER).name}向{unit.name}了解，{core}感谢您对{texts.CITY}工作的关心和支持。"
        return (f"网友：您好！您的留言收悉。{core}感谢您对{texts.CITY}工作的关心和支持。"
                f"如有疑问，请致电{unit.name}（{unit.phone}）。")


class _warn_once:
    """Say each missing-calendar warning once per load, not once per step of every case."""

    def __enter__(self):
        self.seen = set()
        self.logger = logging.getLogger("minpan.workdays")
        self.logger.addFilter(self._filter)

    def __exit__(self, *exc):
        self.logger.removeFilter(self._filter)

    def _filter(self, record) -> bool:
        key = record.getMessage()
        if key in self.seen:
            return False
        self.seen.add(key)
        return True
