"""Offered = allowed: for every state a case can be in, under each of the five policies, every
action the case page offers to each of the shared users is accepted by the core when posted
with valid data. Each post is rolled back, so every offer is tried on the same fresh case."""
import datetime as dt
import re
from collections.abc import Callable

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.policies.presets import PRESETS
from minpan.workdays.arith import deadline_day
from tests.desk.pages import act
from tests.flow import at, collect, dispatched, fresh, registered

POLICIES = ["tongliao", "naiman", "yuncheng", "xizang", "chizhou"]
USERS = ["operator", "reviewer", "handler", "principal", "deputy", "edu_handler", "edu_principal",
         "district_handler", "street_handler", "supervisor", "leader"]
START = "2026-03-02 09:00"  # a Monday, far from any holiday
OFFER = re.compile(r'action="/desk/case/(\d+)/do/([a-z_]+)/"')


class _Undo(Exception):
    """Raised to roll a tried action back."""


# ---- cases in every state, walked through the core as the right people ---------------------

def _claimed(city, policy):
    case = dispatched(city, policy, co=[city.education])
    return apply(case, "claim", actor=city.handler)


def _drafted(city, policy):
    case = _claimed(city, policy)
    return apply(case, "draft", actor=city.handler, body="经现场核实，路灯已于今日修复，感谢您的监督。",
                 handler_name="李工", handler_phone="0475-1234567")


def _signer(city, policy, case):
    return city.principal if PRESETS[policy].sign_off.level_for(case.channel) == "principal" else city.deputy


def _signed(city, policy):
    case = _drafted(city, policy)
    if PRESETS[policy].sign_off.level_for(case.channel) is None:
        return None  # no unit sign-off under this policy: the state is never reached
    return apply(case, "sign_off", actor=_signer(city, policy, case), sealed=True)


def _submitted(city, policy):
    case = _signed(city, policy) or _drafted(city, policy)
    if PRESETS[policy].follow_up.callback_before_submit:
        apply(case, "callback", actor=city.handler, note="已电话告知办理结果，留言人表示认可。")
    if PRESETS[policy].follow_up.contact_before_handling:
        apply(case, "contact_writer", actor=city.handler, note="已电话联系留言人。")
    return apply(case, "submit", actor=city.handler)


def _prepared(city, policy):
    if PRESETS[policy].review.final_approver is None:
        return None  # the reviewer approves: no answer waits for a leader's 审定
    return apply(_submitted(city, policy), "prepare", actor=city.reviewer)


def _approved(city, policy):
    if PRESETS[policy].review.final_approver is not None:
        return apply(_prepared(city, policy), "approve", actor=city.leader)
    return apply(_submitted(city, policy), "approve", actor=city.reviewer)


def _published(city, policy):
    case = _approved(city, policy)
    return apply(case, "publish", actor=city.operator, **_publish_params(policy, case))


def _publish_params(policy, case):
    rule = PRESETS[policy].publication
    if rule.public_allowed and case.may_publish:
        return {"mode": "public", "places": list(rule.places_for(case.channel))}
    return {"mode": "private", "public_note": "涉及个人信息，已直接答复留言人。"}


def _archived(city, policy):
    case = _published(city, policy)
    if case.callback_due:
        case = apply(case, "callback", actor=city.handler, note="已回访，留言人满意。")
    return apply(case, "archive", actor=city.operator)


def _returned(city, policy):
    rule = PRESETS[policy].return_rule
    if not rule.allowed:
        return None
    case = dispatched(city, policy)
    actor = city.deputy if rule.signer_roles else city.handler
    return apply(case, "return", actor=actor, reason="属教育局职责。", basis="《教育法》第十四条")


def _disputed(city, policy):
    """Returned citing the dispatch catalogue (派单异议): the center's decision waits."""
    from tests.catalogue_data import school_fees

    rule = PRESETS[policy].return_rule
    if not rule.allowed:
        return None
    version = school_fees(city, now=timezone.now())
    case = dispatched(city, policy)
    actor = city.deputy if rule.signer_roles else city.handler
    return apply(case, "return", actor=actor, reason="学校收费属教育局。", matter=version.matter)


def _merged(city, policy):
    earlier = registered(city, policy)
    case = collect(policy)
    return apply(case, "merge", actor=city.operator, target=earlier)


def _extension_pending(city, policy):
    rule = PRESETS[policy].extension
    if not rule.allowed:
        return None
    case = _claimed(city, policy)
    actor = city.deputy if "unit_handler" not in rule.requester_roles else city.handler
    return apply(case, "request_extension", actor=actor, days=1, reason="需协调供电公司。", basis="《城市照明管理规定》",
                 promised_date=deadline_day(case.due_at).isoformat(), progress="已现场核实，正在协调。")


def _hard_case_asked(city, policy):
    if not PRESETS[policy].reply_content.hard_case_explained:
        return None
    return apply(_claimed(city, policy), "ask_hard_case", actor=city.handler, reason="涉及历史遗留问题，短期内难以办结。")


def _unsatisfied(city, policy):
    case = _published(city, policy)
    return apply(case, "rate", rating="unsatisfied", comment="路灯又坏了。")


SCENARIOS: dict[str, Callable] = {
    "received": lambda city, p: collect(p),
    "not_accepted": lambda city, p: apply(
        collect(p), "not_accept", actor=city.operator, reason=PRESETS[p].not_accepted_reasons[0],
        explanation="不属于本平台受理范围。", suggested_channel="12345 热线"),
    "accepted": lambda city, p: apply(collect(p), "accept", actor=city.operator),
    "registered (consultation)": lambda city, p: registered(city, p, msg_type="consult"),
    "registered (complaint)": lambda city, p: registered(city, p, msg_type="complaint"),
    "merged": _merged,
    "dispatched": lambda city, p: dispatched(city, p, co=[city.education]),
    "returned": _returned,
    "returned, disputed": _disputed,
    "in progress": _claimed,
    "in progress, extension asked": _extension_pending,
    "in progress, hard case asked": _hard_case_asked,
    "drafted": _drafted,
    "signed": _signed,
    "submitted": _submitted,
    "submitted, prepared for the leader": _prepared,
    "sent back": lambda city, p: apply(_submitted(city, p), "send_back", actor=city.reviewer, reason="答非所问。"),
    "approved": _approved,
    "published": _published,
    "published, rated unsatisfied": _unsatisfied,
    "archived": _archived,
}
# checked again once the deadline has passed (and on the deadline's own day)
LATE = ["dispatched", "in progress", "drafted", "sent back"]


# ---- valid data for each action, as a person would fill in the form ---------------------

def valid(action: str, case: Case, policy: str, city, earlier: Case) -> dict:
    p = PRESETS[policy]
    # a promise on the deadline's day, unless that day is past (no policy needs one after the deadline)
    today = timezone.localdate()
    due = deadline_day(case.due_at).isoformat() if case.due_at and deadline_day(case.due_at) >= today else ""
    return {
        "accept": {},
        "not_accept": {"reason": p.not_accepted_reasons[0], "explanation": "不属于本平台受理范围。", "suggested_channel": "12345 热线"},
        "merge": {"target": str(earlier.pk)},
        "unmerge": {"reason": "并非同一事项。"},
        "classify": {"msg_type": p.message_types[0], "domain": "urban", "urgency": "normal"},
        "direct_answer": {"body": "可登录政务服务网查询办理进度。"},
        "dispatch": {"lead": city.district.pk, "instructions": "请现场核实。"},
        "claim": {},
        "return": {"reason": "属教育局职责。", "basis": "《教育法》第十四条"},
        "request_extension": {"days": 1, "reason": "需协调供电公司。", "basis": "《城市照明管理规定》", "promised_date": due,
                          "progress": "已现场核实，正在协调。", "writer_note": "需协调供电公司，我们正在抓紧办理。"},
        "endorse_extension": {"agree": "yes"},
        "approve_extension": {"decision_note": "同意。"},
        "refuse_extension": {"decision_note": "不属复杂情形。"},
        "co_input": {"text": "教育局无意见。"},
        "draft": {"body": "经现场核实，路灯已于今日修复。", "handler_name": "李工", "handler_phone": "0475-1234567"},
        "sign_off": {"sealed": "on"},
        "return_draft": {"comment": "请写明修复时间。"},
        "submit": {},
        "approve": {},
        "prepare": {},
        "return_prepared": {"reason": "请补充后续维护安排。"},
        "send_back": {"reason": "答非所问。"},
        "publish": _publish_params(policy, case),
        "callback": {"callback_note": "已电话回访。"},
        "contact_writer": {"contact_note": "已电话联系留言人，核实了位置。"},
        "reopen": {"reason": "回头看：问题反弹。"},
        "look_back": {"result": "done", "via": "writer", "text": "已回访留言人，路灯正常。"},
        "archive": {},
        "instruct": {"text": "请抓紧办理。", "leader_name": "张市长"},
        "explain_delay": {"reason": "涉及多部门，节后方能现场处理。"},
        "note": {"text": "请注意答复口径。"},
        "center_urge": {"text": "已电话催办。"},
        "recall": {"reason": "交办单位选错。"},
        "reassign": {"lead": city.district.pk, "reason": "属地管理。"},
        "accept_dispute": {"reason": "按派单目录交办。"},
        "reject_dispute": {"reason": "仍属本单位职责。"},
        "ask_hard_case": {"reason": "涉及历史遗留问题，短期内难以办结。"},
        "agree_hard_case": {"reason": "同意向网民做好解释。"},
        "refuse_hard_case": {"reason": "可以办结，请答复办理结果。"},
        "coordinate": {"held_on": today.isoformat(), "place": "市政府第一会议室", "attendees": "市政府办公室、住建局、东城区",
                       "lead": case.lead_unit_id, "units": [city.district.pk],
                       "due_on": (today + dt.timedelta(days=7)).isoformat(), "minutes": "住建局牵头，东城区配合。"},
        # the oversight steps (Chizhou 第九条(二)(四)(五), Yuncheng 五(三))
        "flag_legal_review": {"reason": "涉及行政处罚的适用。"},
        "legal_review": {"reviewer": "法律顾问 张律师", "conclusion": "passed", "review_note": "依据准确。"},
        "phone_remind": {"by": "phone", "callee": "市住建局 王科长", "said": "提醒明日到期。"},
        "on_site": {"visited_on": today.isoformat(), "people": "督查室 李科长", "found": "路灯未修复。", "agreed": "三日内修复。"},
        "report_to_leader": {"leader": city.leader.pk, "grounds": "complex", "reason": "涉及多个部门，请领导协调。"},
    }[action]


def offers(client, user, case) -> list[str]:
    client.force_login(user)
    resp = client.get(f"/desk/case/{case.pk}/")
    if resp.status_code == 404:
        return []  # the case is not this user's to see
    assert resp.status_code == 200
    return [a for pk, a in OFFER.findall(resp.content.decode()) if int(pk) == case.pk]


def refusals(client, city, policy: str, case: Case, earlier: Case, label: str) -> tuple[list[str], int]:
    """Each offer, posted by the user it was offered to and rolled back: the ones refused."""
    refused, tried = [], 0
    for name in USERS:
        user = getattr(city, name)
        for action in offers(client, user, fresh(case)):
            tried += 1
            try:
                with transaction.atomic():
                    resp = act(client, user, case, action, **valid(action, fresh(case), policy, city, earlier))
                    if resp.status_code != 302:
                        text = resp.content.decode()
                        why = re.search(r'role="alert">([^<]*)<', text)
                        refused.append(f"{policy} · {label} · {name} · {action}: {resp.status_code} {why.group(1) if why else ''}")
                    raise _Undo
            except _Undo:
                pass
    return refused, tried


@pytest.mark.parametrize("policy", POLICIES)
def test_every_action_a_page_offers_is_accepted_by_the_core(client, city, policy):
    refused, tried = [], 0
    with time_machine.travel(at(START), tick=True):
        earlier = registered(city, policy, msg_type="complaint")
        built = {label: make(city, policy) for label, make in SCENARIOS.items()}
        for label, case in built.items():
            if case is None:
                continue
            r, n = refusals(client, city, policy, case, earlier, label)
            refused += r
            tried += n
    for label in LATE:
        case = fresh(built[label])
        due = deadline_day(case.due_at) if case.due_at else dt.date(2026, 3, 30)
        for when, moment in (("on the deadline's day", f"{due} 16:00"), ("overdue", f"{due + dt.timedelta(days=6)} 10:00")):
            with time_machine.travel(at(moment), tick=True):
                r, n = refusals(client, city, policy, case, earlier, f"{label}, {when}")
                refused += r
                tried += n
    assert not refused, "\n".join(refused)
    assert tried > 60  # the walk reached every state and offered something in each


def _offered_to(client, user, case) -> set[str]:
    return set(offers(client, user, case))


def test_submit_is_not_offered_before_sign_off_where_the_policy_requires_it(client, city):
    with time_machine.travel(at(START), tick=True):
        case = _drafted(city, "tongliao")
        assert "submit" not in _offered_to(client, city.handler, case)
        apply(case, "sign_off", actor=city.principal, sealed=True)
        assert "submit" in _offered_to(client, city.handler, case)
        # no unit sign-off in Yuncheng: the draft goes straight to the center
        assert "submit" in _offered_to(client, city.handler, _drafted(city, "yuncheng"))


def test_a_delay_is_explained_only_from_the_deadline_day_on(client, city):
    with time_machine.travel(at(START), tick=True):
        case = _claimed(city, "yuncheng")
        assert "explain_delay" not in _offered_to(client, city.handler, case)
    due = deadline_day(fresh(case).due_at)
    with time_machine.travel(at(f"{due} 16:00"), tick=True):
        assert "explain_delay" in _offered_to(client, city.handler, case)


def test_chizhou_offers_submit_only_after_the_callback(client, city):
    with time_machine.travel(at(START), tick=True):
        case = _signed(city, "chizhou")
        assert "submit" not in _offered_to(client, city.handler, case)
        apply(case, "callback", actor=city.handler, note="已告知办理结果。")
        assert "submit" in _offered_to(client, city.handler, case)
