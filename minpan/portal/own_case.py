"""What the writer sees of their own case: the state in plain words and a public-safe timeline.

Staff states and actions are internal. The writer sees a few plain steps; notes,
staff names, sign-offs, send-backs and leaders' instructions never leave the center.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minpan.cases import hard_cases
from minpan.cases.models import Case, PublicCopy, Reply
from minpan.cases.publication import latest_reply
from minpan.cases.states import AWAITING_UNIT_ANSWER, Action, PublishMode, Rating, State
from minpan.policies.active import policy_named

PLAIN = {
    State.RECEIVED: ("已收到", "您的留言已收到，正在初审。"),
    State.NOT_ACCEPTED: ("不予受理", "您的留言不在受理范围内，说明见下。"),
    State.ACCEPTED: ("已受理", "您的留言已受理，正在登记分派。"),
    State.REGISTERED: ("已受理", "您的留言已受理，正在分派给承办单位。"),
    State.RETURNED: ("已受理", "您的留言正在重新分派承办单位。"),
    State.DISPATCHED: ("办理中", "承办单位正在办理。"),
    State.IN_PROGRESS: ("办理中", "承办单位正在办理。"),
    State.DRAFTED: ("办理中", "承办单位正在办理。"),
    State.SIGNED: ("办理中", "承办单位正在办理。"),
    State.SENT_BACK: ("办理中", "承办单位正在办理。"),
    State.SUBMITTED: ("答复审核中", "承办单位已拟好答复，正在审核。"),
    State.APPROVED: ("答复审核中", "答复已审核，即将发布。"),
    State.PUBLISHED: ("已答复", "您的留言已答复，欢迎评价。"),
    State.ARCHIVED: ("已办结", "您的留言已办结。"),
    State.MERGED: ("已合并办理", "您的留言与此前收到的同一事项合并办理，进展和答复见下。"),
}

# The only actions a writer sees, in their words. Everything else is internal.
PUBLIC_STEPS: dict[str, str] = {
    Action.COLLECT: "收到留言",
    Action.ACCEPT: "受理",
    Action.NOT_ACCEPT: "不予受理",
    Action.MERGE: "与同一事项的较早留言合并办理",
    Action.UNMERGE: "改为单独办理",
    Action.DISPATCH: "转交承办单位办理",
    Action.CLAIM: "承办单位签收",
    Action.RETURN: "承办单位申请调整，重新分派",
    # 派单异议 decided: the case goes (back) to a unit, as on dispatch
    Action.ACCEPT_DISPUTE: "转交承办单位办理",
    Action.REJECT_DISPUTE: "转交承办单位办理",
    Action.APPROVE_EXTENSION: "经批准延期办理",
    Action.COORDINATE: "召开专题协调会议，明确办理单位和办结时限",
    Action.DIRECT_ANSWER: "受理中心直接答复",
    Action.PUBLISH: "答复",
    Action.RATE: "您评价了答复",
    Action.FOLLOW_UP: "您追问了答复",
    Action.CALLBACK: "回访",
    Action.CONTACT_WRITER: "承办单位与您联系",
    Action.REOPEN: "重新办理",
    Action.ARCHIVE: "办结归档",
}


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    text: str
    detail: str = ""


def plain_state(case: Case) -> tuple[str, str]:
    return PLAIN[State(case.state)]


# Steps of another writer's case that concern that writer alone (their rating and follow-up, the
# call to them, other messages merged into it).
NOT_FOR_OTHERS = frozenset({Action.RATE, Action.FOLLOW_UP, Action.CALLBACK, Action.CONTACT_WRITER, Action.MERGE, Action.UNMERGE})


def timeline(case: Case, *, other_writer: bool = False) -> list[Step]:
    steps = []
    for ev in case.events.order_by("seq").only("at", "action", "data"):
        text = PUBLIC_STEPS.get(ev.action)
        if text is None or (other_writer and ev.action in NOT_FOR_OTHERS):
            continue
        detail = ""
        if ev.action in (Action.DISPATCH, Action.ACCEPT_DISPUTE, Action.REJECT_DISPUTE) and not case.identity_withheld:
            detail = (ev.data or {}).get("lead_name", "")
        elif ev.action == Action.APPROVE_EXTENSION and not other_writer:
            # approved after the deadline: the unit's explanation written for the writer (Xizang 第五条(四))
            detail = (ev.data or {}).get("writer_note", "")
        steps.append(Step(at=ev.at, text=text, detail=detail))
    return steps


LATE_SENTENCE = "您的留言已超过答复期限，承办单位尚未提供答复材料，我们正在督促办理，请您谅解。"


def delay_explained(case: Case, now: dt.datetime) -> dict | None:
    """Xizang 第五条(四) 逾期不能提供答复材料的 … 同时向网友做好解释工作: while the unit still owes its
    answer past the deadline, the writer reads that it is late and, once the unit has asked for more
    time, the explanation it wrote for them. Nothing else of the request (its reason, progress
    report, who asked or decided) is shown."""
    if not policy_named(case.policy_name).extension.explain_late_to_writer or case.state not in AWAITING_UNIT_ANSWER:
        return None
    if case.due_at is None or now < case.due_at:
        return None
    this_round = case.extensions.exclude(writer_note="")
    if case.clock_started_at is not None:
        this_round = this_round.filter(requested_at__gte=case.clock_started_at)
    note = this_round.order_by("-requested_at", "-pk").values_list("writer_note", flat=True).first()
    return {"sentence": LATE_SENTENCE, "explanation": note or ""}


def reply_for_writer(case: Case) -> Reply | None:
    """The answer the writer reads, public or private, once it is published."""
    if case.state not in (State.PUBLISHED, State.ARCHIVED) or not case.answered_at:
        return None
    return latest_reply(case)


def answer_is_explanation(case: Case) -> bool:
    """Tongliao 第十八条: the center agreed the unit explains a hard case to the writer; their answer
    is that explanation (the public reads only that the matter is being explained)."""
    return policy_named(case.policy_name).reply_content.hard_case_explained and hard_cases.explained(case)


def can_rate(case: Case) -> bool:
    return case.state == State.PUBLISHED and not case.rating and policy_named(case.policy_name).follow_up.rating


def can_follow_up(case: Case) -> bool:
    """追问: once, after rating the published answer 不满意 (the core's rule, offered only where it holds)."""
    return case.state == State.PUBLISHED and case.rating == Rating.UNSATISFIED and case.follow_up_at is None


def is_public(case: Case) -> bool:
    return case.publish_mode == PublishMode.PUBLIC


@dataclass(frozen=True)
class Merged:
    """What the writer of a merged case sees of the case it was merged into."""
    reference: str
    state_label: str
    state_sentence: str
    steps: list
    reply: str          # the published answer as on the public pages (its public copy); "" if none or private
    reply_unit: str
    answered_at: dt.datetime | None
    answered_privately: bool


def _merged_into(case: Case) -> Case:
    if case.merged_into is None:
        raise ValueError(f"{case.reference} is merged into no case")
    return case.merged_into


def merged_view(case: Case) -> Merged | None:
    """The earlier case a merged one follows (to the end of the chain): its plain state, public
    steps and published answer only — never its writer, text, notes or a private answer."""
    if case.state != State.MERGED or not case.merged_into_id:
        return None
    root, hops = _merged_into(case), 0
    while root.state == State.MERGED and root.merged_into_id and hops < 20:
        root, hops = _merged_into(root), hops + 1
    label, sentence = PLAIN[State(root.state)]
    if root.state == State.PUBLISHED:
        sentence = "该留言已答复。"
    elif root.state == State.NOT_ACCEPTED:
        sentence = "该留言不予受理。"
    reply = reply_for_writer(root)
    public = reply is not None and is_public(root) and root.may_publish
    # the answer's public copy, made when it was published: this page only reads it
    copy = PublicCopy.objects.filter(case=root, answered_at=root.answered_at).first() if public else None
    return Merged(
        reference=root.reference, state_label=label, state_sentence=sentence,
        steps=timeline(root, other_writer=True), reply=copy.reply if copy else "",
        reply_unit=(copy.unit_name or copy.signed_by) if copy else "", answered_at=root.answered_at if reply else None,
        answered_privately=reply is not None and not public,
    )
