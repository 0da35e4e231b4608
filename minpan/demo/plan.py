"""What each demo case will become: its target state, detours, text, people and age.

Pure planning (no database): a fixed seed gives the same plans on every run, so
the load is repeatable; the builder then walks each plan through transitions.apply.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from minpan.cases.states import State
from minpan.policies.rules import Policy

from . import texts
from .city import COUNTIES, DEPARTMENTS
from .texts import TEMPLATES, Template

# Detours the walk must take before it may stop at the target state.
PENDING = frozenset({"return", "ext_pending", "ext_approved", "ext_refused", "send_back", "instruct", "reopen", "hard_case", "meeting"})
DISPATCH_PATH = (State.DISPATCHED, State.RETURNED, State.IN_PROGRESS, State.DRAFTED, State.SIGNED, State.SUBMITTED, State.SENT_BACK,
                 State.APPROVED, State.PUBLISHED, State.ARCHIVED)
AFTER_CLAIM = DISPATCH_PATH[2:]
HOLDING_WORK = (State.IN_PROGRESS, State.DRAFTED, State.SIGNED)
AFTER_SUBMIT = (State.SUBMITTED, State.APPROVED, State.PUBLISHED, State.ARCHIVED)
OVERDUE_TARGETS = (State.DISPATCHED, State.IN_PROGRESS, State.DRAFTED, State.SIGNED, State.SENT_BACK)

# Days before now a case in that state was received (cases further along are older).
AGES = {
    State.RECEIVED: (0.05, 1.5), State.NOT_ACCEPTED: (1, 40), State.ACCEPTED: (0.5, 2.5), State.REGISTERED: (0.5, 3),
    State.DISPATCHED: (0.5, 3), State.RETURNED: (0.5, 4), State.IN_PROGRESS: (1, 5), State.DRAFTED: (2, 6), State.SIGNED: (2, 6),
    State.SUBMITTED: (2, 7), State.SENT_BACK: (3, 8), State.APPROVED: (3, 8), State.PUBLISHED: (5, 20), State.ARCHIVED: (12, 58),
    State.MERGED: (0.3, 6),
}
OVERDUE_AGE = (16, 32)
WEIGHTS = {
    State.RECEIVED: 4, State.NOT_ACCEPTED: 5, State.ACCEPTED: 2, State.REGISTERED: 3, State.DISPATCHED: 5, State.RETURNED: 2,
    State.IN_PROGRESS: 12, State.DRAFTED: 4, State.SIGNED: 3, State.SUBMITTED: 4, State.SENT_BACK: 3, State.APPROVED: 3,
    State.PUBLISHED: 15, State.ARCHIVED: 30, State.MERGED: 2,
}
# Every demo shows these first, so even a small load has each state and side path.
MUST = (
    (State.RECEIVED, ()), (State.NOT_ACCEPTED, ()), (State.ARCHIVED, ("reject",)), (State.ACCEPTED, ()), (State.REGISTERED, ()),
    (State.DISPATCHED, ()), (State.DISPATCHED, ("overdue",)), (State.RETURNED, ("return",)), (State.IN_PROGRESS, ()),
    (State.IN_PROGRESS, ("overdue", "instruct")), (State.IN_PROGRESS, ("ext_pending",)), (State.DRAFTED, ()),
    (State.DRAFTED, ("overdue",)), (State.SIGNED, ()), (State.SUBMITTED, ()), (State.SUBMITTED, ("instruct",)),
    (State.SENT_BACK, ("send_back",)), (State.SENT_BACK, ("send_back", "overdue")), (State.APPROVED, ()),
    (State.APPROVED, ("direct",)), (State.PUBLISHED, ()), (State.PUBLISHED, ("private",)), (State.ARCHIVED, ()),
    (State.ARCHIVED, ("ext_approved",)), (State.ARCHIVED, ("return",)), (State.ARCHIVED, ("send_back",)),
    (State.ARCHIVED, ("co",)), (State.ARCHIVED, ("direct",)), (State.IN_PROGRESS, ("reopen",)),
    (State.IN_PROGRESS, ("ext_refused",)), (State.DRAFTED, ("co", "ext_approved")), (State.PUBLISHED, ("instruct",)),
    (State.MERGED, ()),
    # where the policy has them: a hard case explained (Tongliao 第十八条), a 专题协调会议 (Yuncheng 五(二))
    (State.PUBLISHED, ("hard_case",)), (State.IN_PROGRESS, ("meeting",)), (State.ARCHIVED, ("meeting", "co")),
)


@dataclass
class Plan:
    target: State
    detours: frozenset
    channel: str
    age_days: float
    citizen: dict
    may_publish: bool
    template: Template | None = None
    reason: str = ""                       # not accepted: the reason code
    msg_type: str = ""
    fill: dict = field(default_factory=dict)
    lead: str = ""
    wrong: str = ""                         # the unit a returned case went to first
    co: tuple[str, ...] = ()
    rating: str = ""
    urgency: str = "normal"
    external_id: str = ""
    repeats: str = ""                       # merged: the earlier demo case this one repeats


def signable_channels(policy: Policy) -> list[str]:
    return [c for c in policy.channels if policy.sign_off.level_for(c)]


def reachable_states(policy: Policy) -> set[State]:
    """The states a case can reach under the policy (RETURNED needs 退办, SIGNED needs 审签)."""
    states = set(State)
    if not policy.return_rule.allowed:
        states.discard(State.RETURNED)
    if not signable_channels(policy):
        states.discard(State.SIGNED)
    return states


def fits(policy: Policy, target: State, detours) -> bool:
    if target not in reachable_states(policy):
        return False
    if "return" in detours and not policy.return_rule.allowed:
        return False
    if detours & {"ext_pending", "ext_approved", "ext_refused"} and not policy.extension.allowed:
        return False
    # A reopened case is handled again from registration: the target is reached in the second
    # round, so it cannot be a side state of the first round, and a request left pending in the
    # first round would be dropped by the new dispatch.
    if "reopen" in detours and (target in (State.RETURNED, State.SENT_BACK) or "ext_pending" in detours):
        return False
    if "hard_case" in detours and not (policy.reply_content.hard_case_explained and target in AFTER_CLAIM):
        return False
    # a meeting sets a limit ahead of its day: not on a case meant to be overdue, nor beside an extension
    if "meeting" in detours and not (policy.escalation.coordination_meetings and target in AFTER_CLAIM) or (
            "meeting" in detours and detours & {"overdue", "reopen", "ext_pending", "ext_approved", "ext_refused", "return"}):
        return False
    # Before the claim a claim-started clock (Xizang) has no deadline to miss.
    if "overdue" in detours and target == State.DISPATCHED and policy.clock_start == "claim":
        return False
    return True


def make_plans(policy: Policy, n: int, seed: int) -> list[Plan]:
    rng = random.Random(seed)
    wanted = [(t, frozenset(d)) for t, d in MUST if fits(policy, t, frozenset(d))][:n]
    while len(wanted) < n:
        target = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        detours = _random_detours(rng, policy, target)
        if fits(policy, target, detours):
            wanted.append((target, detours))
    plans = [_plan(rng, policy, target, detours) for target, detours in wanted]
    # Oldest first, so registration numbers follow the order messages arrived.
    plans.sort(key=lambda p: -p.age_days)
    for i, p in enumerate(plans, start=1):
        p.external_id = f"demo-{i:05d}"
    for i, p in enumerate(plans):
        if p.target == State.MERGED:
            _repeat(p, plans[:i])
    return plans


def _repeat(plan: Plan, older: list[Plan]) -> None:
    """A merged message re-posts the nearest older one that was handled and archived (its
    timeline is complete, so the merge note comes after its last step); with none, it waits."""
    source = next((o for o in reversed(older) if o.target == State.ARCHIVED and o.template and not o.reason), None)
    if source is None:
        plan.target = State.RECEIVED
        return
    plan.repeats, plan.template, plan.msg_type = source.external_id, source.template, source.msg_type
    plan.fill = {**source.fill, "subject": "再次反映：" + source.fill["subject"]}


def _random_detours(rng: random.Random, policy: Policy, target: State) -> frozenset:
    d = set()
    if target == State.RETURNED:
        d.add("return")
    if target == State.SENT_BACK:
        d.add("send_back")
    if target == State.ARCHIVED and rng.random() < 0.08:
        return frozenset({"reject"})
    if target in (State.APPROVED, State.PUBLISHED, State.ARCHIVED) and rng.random() < 0.1:
        d.add("direct")
        return frozenset(d)
    if target in DISPATCH_PATH:
        if rng.random() < 0.05:
            d.add("return")
        if rng.random() < 0.06:
            d.add("instruct")
    if target in AFTER_CLAIM:
        if rng.random() < 0.15:
            d.add("co")
        if policy.extension.allowed and rng.random() < 0.12:
            kinds = ["ext_pending"] * 2 if target in HOLDING_WORK else []
            d.add(rng.choice(kinds + ["ext_approved", "ext_approved", "ext_refused"]))
        if rng.random() < 0.04:
            d.add("reopen")
        if policy.reply_content.hard_case_explained and rng.random() < 0.03:
            d.add("hard_case")
        if policy.escalation.coordination_meetings and rng.random() < 0.03:
            d.add("meeting")
    if target in AFTER_SUBMIT and rng.random() < 0.1:
        d.add("send_back")
    if target in OVERDUE_TARGETS and rng.random() < 0.3:
        d.add("overdue")
    if target in (State.PUBLISHED, State.ARCHIVED) and rng.random() < 0.1:
        d.add("private")
    return frozenset(d)


def _plan(rng: random.Random, policy: Policy, target: State, detours: frozenset) -> Plan:
    channels = signable_channels(policy) if target == State.SIGNED else list(policy.channels)
    channel = rng.choices(channels, weights=[3] + [1] * (len(channels) - 1))[0]
    lo, hi = OVERDUE_AGE if "overdue" in detours else AGES[target]
    if "reopen" in detours:
        # a second round of handling needs an older message, still inside the demo's ~60 days
        lo, hi = min(lo + 15, 45), min(hi + 15, 60)
    age = rng.uniform(lo, hi)
    if "reject" in detours or target == State.NOT_ACCEPTED:
        reason = rng.choice(policy.not_accepted_reasons)
        subject, body, _, _ = texts.REJECTED[reason]
        citizen = {} if reason == "no_identity" else _citizen(rng, "")
        return Plan(target, detours, channel, age, citizen, True, reason=reason, fill={"subject": subject, "body": body})
    pool = [t for t in TEMPLATES if t.kind == "consult"] if "direct" in detours else TEMPLATES
    tpl = rng.choice(pool)
    fill = _fill(rng, tpl)
    lead = rng.choice(tpl.leads)
    if lead == "@local":
        lead = fill["_town"] if rng.random() < 0.7 else fill["_county"]
    departments = [c for c, _ in DEPARTMENTS if c != lead]
    co = tuple(c for c in tpl.co if c != lead)[:1] or (rng.choice(departments),)
    wrong = rng.choice([c for c in departments if c not in co])
    rating = ""
    if target in (State.PUBLISHED, State.ARCHIVED) and rng.random() < (0.5 if target == State.PUBLISHED else 0.8):
        rating = rng.choice(["satisfied"] * 7 + ["basically"] * 2 + ["unsatisfied"])
    urgency = "urgent" if tpl.urgent and rng.random() < 0.6 else ("critical" if rng.random() < 0.02 else "normal")
    return Plan(
        target, detours, channel, age, _citizen(rng, fill["place"]), may_publish=rng.random() < 0.92,
        template=tpl, msg_type=msg_type_for(policy, tpl.kind), fill=fill, lead=lead, wrong=wrong,
        co=co if "co" in detours else (), rating=rating, urgency=urgency,
    )


# When a policy lacks a type, the nearest one it has (every preset has 咨询、投诉、建议).
FALLBACK = {"help": ("help", "report", "other", "complaint"), "report": ("report", "complaint", "other")}


def msg_type_for(policy: Policy, kind: str) -> str:
    for t in FALLBACK.get(kind, (kind,)):
        if t in policy.message_types:
            return t
    return policy.message_types[0]


def _fill(rng: random.Random, tpl: Template) -> dict:
    rural = "{village}" in tpl.body
    county = rng.choice([c for c in COUNTIES if (not c[2]) == rural] if rural else [c for c in COUNTIES if c[2]] * 3 + list(COUNTIES))
    town_code, town = rng.choice(county[3])
    community = rng.choice(texts.COMMUNITIES)
    road, road2 = rng.sample(texts.ROADS, 2)
    village = rng.choice(texts.VILLAGES)
    place = f"{county[1]}{town}{village}村" if rural else f"{county[1]}{town}{community}"
    return {
        "_county": county[0], "_town": town_code,
        "city": texts.CITY, "district": county[1], "township": town, "street": town, "community": community,
        "place": place, "road": road, "road2": road2, "village": village, "building": rng.randint(1, 28),
        "dur": rng.choice(texts.DURATIONS), "detail": rng.choice(tpl.details), "n": rng.randint(2, 6),
        "date": rng.choice(("前几天", "上周末", "上个月", "本月初")), "school": rng.choice(texts.SCHOOLS),
        "company": rng.choice(texts.COMPANIES), "scenic": rng.choice(texts.SCENIC),
        "hospital": rng.choice(texts.HOSPITALS), "river": rng.choice(texts.RIVERS),
        "subject": rng.choice(tpl.subjects),
    }


def _citizen(rng: random.Random, address: str) -> dict:
    if rng.random() < 0.07:
        return {"name": rng.choice(texts.SURNAMES) + rng.choice(("先生", "女士"))}   # left no contact
    citizen = {"name": rng.choice(texts.SURNAMES) + rng.choice(texts.GIVEN), "phone": f"1380000{rng.randint(0, 9999):04d}"}
    if rng.random() < 0.3:
        citizen["email"] = f"demo{rng.randint(100, 9999)}@example.cn"
    if address and rng.random() < 0.5:
        citizen["address"] = address
    citizen["ip"] = f"198.51.100.{rng.randint(1, 254)}"   # RFC 5737 documentation range
    return citizen
