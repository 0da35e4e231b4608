"""The center's oversight that a document names beyond the deadline ladder, each under a policy
setting: the legal review of an answer (法制审核), the reminder by phone (电话催办), on-site
supervision of a leader-instructed case (实地督查) and the report of one case to a city leader
(一事一报). Chizhou 第九条(二)(四)(五) names all four; Yuncheng 五(三) the phone reminder."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minpan.units.people import roles_of
from minpan.units.roles import Role
from minpan.workdays.arith import deadline_text, local_date

from .. import deadlines
from ..errors import RuleViolation
from ..states import Action
from .base import effect, latest_reply, required

# 法制审核的结论: only a review that found the answer lawful lets it be submitted
LEGAL_CONCLUSIONS = {"passed": "符合法律法规和政策要求", "revise": "须修改后重新审核"}
# 第九条(二): the matters the center reports one by one
REPORT_GROUNDS = {
    "complex": "疑难复杂", "wide": "牵涉面广", "buck_passing": "易出现推诿扯皮", "repeated": "反复集中反映",
}
# how a reminder by hand reaches the unit (policy.reminder.by, besides the sweep's inbox notice)
BY_HAND = {way: {"phone": "电话", "sms": "短信"}[way] for way in deadlines.BY_HAND}


# ---- 法制审核 (Chizhou 第九条(五)) ---------------------------------------------------------

def legally_reviewed(case) -> bool:
    """A review that passed the answer as it stands: recorded after its latest draft, so an answer
    redrafted (sent back, returned for changes) is reviewed again."""
    reply = latest_reply(case)
    if reply is None:
        return False
    last = case.events.filter(action=Action.LEGAL_REVIEW, at__gte=reply.drafted_at).order_by("-seq").first()
    return last is not None and (last.data or {}).get("conclusion") == "passed"


def legal_review_pending(policy, case) -> bool:
    """The answer may not be submitted yet: flagged for 法制审核 and not yet passed by one."""
    return policy.sign_off.legal_review and case.legal_review_needed and not legally_reviewed(case)


def flag_legal_review(ctx, reason: str = "") -> dict:
    """Shared by the flag and by dispatch (the center may flag it as it dispatches)."""
    if not ctx.policy.sign_off.legal_review:
        raise RuleViolation("本制度未规定法制审核。")
    if ctx.case.legal_review_needed:
        raise RuleViolation("本件已标记须法制审核。")
    ctx.case.legal_review_needed = True
    return {"legal_review": True, "reason": (reason or "").strip()}


@effect(Action.FLAG_LEGAL_REVIEW)
def flag(ctx, *, reason: str = ""):
    # 必要时: why it is needed is the flag's reason, asked so the leader who reviews knows
    return flag_legal_review(ctx, required(reason or ctx.note, "须法制审核的原因"))


@effect(Action.LEGAL_REVIEW)
def legal_review(ctx, *, reviewer: str, conclusion: str):
    """Recorded by a leader of the lead unit: who reviewed (the unit's legal adviser, the justice
    bureau…), the conclusion, and a note (apply()'s `note`) on what was checked."""
    case = ctx.case
    if not ctx.policy.sign_off.legal_review:
        raise RuleViolation("本制度未规定法制审核。")
    if not case.legal_review_needed:
        raise RuleViolation("本件未标记须法制审核。")
    if legally_reviewed(case):
        raise RuleViolation("本稿答复已通过法制审核。")
    if conclusion not in LEGAL_CONCLUSIONS:
        raise RuleViolation("请选择审核结论。")
    required(ctx.note, "审核意见")
    reply = latest_reply(case)
    return {"reviewer": required(reviewer, "审核人"), "conclusion": conclusion,
            "reply_version": reply.version if reply else None}


# ---- 电话催办 (Chizhou 第九条(四), Yuncheng 五(三)) ------------------------------------------

@effect(Action.PHONE_REMIND)
def phone_remind(ctx, *, callee: str, by: str = "phone", called_at: dt.datetime | None = None):
    """The center's reminder before the deadline by phone (or SMS where the document says so),
    recorded: who at the unit was reached, when, and what was said (apply()'s `note`).

    One reminder per deadline counts as a prompt, however it went (the sweep's notice or the
    call, whichever came first): the documents speak of one 催办 before the deadline, and
    Yuncheng 五(四)'s 两次催办 counts it once (min_prompts)."""
    case = ctx.case
    if by not in ctx.policy.reminder.by or by not in BY_HAND:
        raise RuleViolation("本制度未规定电话催办。" if by == "phone" else f"本制度未规定{BY_HAND.get(by, by)}催办。")
    if case.due_at is None:
        raise RuleViolation(f"{case.reference} 尚未计时，无需催办。")
    if case.due_at <= ctx.now:
        raise RuleViolation("已过办理期限：逾期件按督办程序处理。")
    if case.phoned_for == case.due_at:
        raise RuleViolation(f"本期限（{deadline_text(case.due_at)}）已电话催办。")
    called_at = called_at or ctx.now
    if called_at > ctx.now:
        raise RuleViolation("催办时间不能晚于现在。")
    required(ctx.note, "催办情况")
    if case.reminded_for != case.due_at:
        case.prompts += 1
    case.phoned_for = case.due_at
    return {"by": by, "callee": required(callee, "接听人"), "called_at": f"{timezone.localtime(called_at):%Y-%m-%d %H:%M}",
            "due_at": case.due_at.isoformat()}


# ---- 实地督查 (Chizhou 第九条(四)) ---------------------------------------------------------

@effect(Action.ON_SITE)
def on_site(ctx, *, visited_on: dt.date, people: str, found: str, agreed: str):
    """对市政府领导作出批示……的，市政府办公室安排人员实地督查、会商研究: when, who went, what was found
    and what was agreed. Recording it takes the case off the list of cases awaiting it."""
    case = ctx.case
    if not ctx.policy.escalation.supervised_on_site:
        raise RuleViolation("本制度未规定实地督查。")
    if not case.supervised:
        raise RuleViolation("实地督查用于市领导作出批示的事项：本件尚无领导批示。")
    if visited_on is None or visited_on > local_date(ctx.now):
        raise RuleViolation("请填写已进行的督查日期。")
    case.on_site_due = False
    return {"visited_on": visited_on.isoformat(), "people": required(people, "督查人员"),
            "found": required(found, "督查发现"), "agreed": required(agreed, "会商意见")}


def instruction_given(ctx) -> None:
    """What a leader's instruction starts or ends here (called by the INSTRUCT effect)."""
    case = ctx.case
    if ctx.policy.escalation.supervised_on_site:
        case.on_site_due = True
    case.reported_to, case.reported_at = None, None


# ---- 一事一报 (Chizhou 第九条(二)) ---------------------------------------------------------

@effect(Action.REPORT_TO_LEADER)
def report_to_leader(ctx, *, leader, grounds: str, reason: str = ""):
    case = ctx.case
    if not ctx.policy.escalation.report_to_leader:
        raise RuleViolation("本制度未规定一事一报。")
    if grounds not in REPORT_GROUNDS:
        raise RuleViolation("请选择呈报的事由。")
    if leader is None or not leader.is_active or Role.CITY_LEADER not in roles_of(leader):
        raise RuleViolation("请选择一位市领导。")
    if case.reported_to_id is not None:
        raise RuleViolation("本件已呈报市领导，正待批示。")
    case.reported_to, case.reported_at = leader, ctx.now
    name = leader.get_full_name().strip() or leader.get_username()
    return {"leader": leader.pk, "reported_to_name": name, "grounds": grounds,
            "reason": required(reason or ctx.note, "呈报理由")}
