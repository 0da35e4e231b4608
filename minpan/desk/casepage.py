"""Everything the case page shows, read in a fixed number of queries whatever the case holds."""
from __future__ import annotations

from collections.abc import Set as AbstractSet

from django.db.models import Q

from minpan.cases import hard_cases
from minpan.cases.access import ASSIGNMENTS, sight, visible_cases
from minpan.cases.effects.oversight import BY_HAND, LEGAL_CONCLUSIONS, REPORT_GROUNDS
from minpan.cases.models import Event, LookBackResult, LookBackVia, Reply
from minpan.cases.page_rows import REPLY_ACTIONS, PageRows, citizen_of, has_portal_form, kept_assignments
from minpan.cases.states import Action, Channel, Domain, MessageType, PublishMode, Rating, State, Urgency
from minpan.cases.transitions import TABLE, Standing, allowed_actions, can_take, standing
from minpan.knowledge.search import search as search_knowledge
from minpan.policies.active import policy_named
from minpan.policies.codes import QUALITY_FAULTS
from minpan.redaction import LABELS
from minpan.statements import Prepared
from minpan.textmine.replies import check_case_reply
from minpan.units.models import Membership
from minpan.units.roles import Role
from minpan.workdays.arith import deadline_day, local_date

from . import documents
from .clock import Clock
from .forms import FORMS, ActionForm
from .models import ReplyTemplate
from .review import prefill, review_context
from .views.publication import preview_context
from .views.writer_files import withheld_from, writer_files

CHECKED_STATES = frozenset({State.DRAFTED, State.SIGNED, State.SUBMITTED, State.APPROVED})

DETAIL_LABELS = {
    "reason": "理由", "basis": "依据", "lead_name": "牵头单位", "co_names": "配合单位", "days": "工作日",
    "promised_date": "承诺办结日期", "mode": "答复方式", "text": "批示内容", "leader_name": "批示领导",
    "msg_type": "类型", "domain": "领域", "urgency": "缓急", "reg_no": "登记编号", "rating": "评价",
    "reply_version": "答复版本", "choice": "公开隐去", "kind": "类别", "shown": "文字", "length": "字数",
    "into_ref": "并入留言", "file": "文件", "merged_ref": "并入的重复留言", "sealed": "加盖公章", "extension_days": "累计延期", "channel": "渠道",
    # the day's work: instructions on dispatch, the leader's comment on a returned draft, recall and reassignment
    "instructions": "交办意见", "co_instructions": "对配合单位的交办意见", "comment": "修改意见",
    "unit_name": "原承办单位", "from_name": "原牵头单位", "prompts": "累计催办",
    # a holiday schedule import (Action.RECALENDAR)
    "publish_due": "发布期限", "fault": "答复质量问题", "places": "发布位置",
    "result": "回头看结果", "via": "核查方式",
    # Xizang 第五条(四): an extension's progress report, and the explanation the writer was given
    "progress": "工作进度", "writer_note": "向留言人的解释",
    "held_on": "会议日期", "place": "会议地点", "unit_names": "责任单位", "due_on": "限期办结日期",
    "due_before": "原办理期限", "due_after": "现办理期限", "verified": "期限已按节假日安排核实", "source": "依据",
    # the oversight steps (cases.effects.oversight): 法制审核, 电话催办, 实地督查, 一事一报
    "legal_review": "须法制审核", "reviewer": "审核人", "conclusion": "审核结论",
    "by": "催办方式", "callee": "接听人", "called_at": "催办时间",
    "visited_on": "督查日期", "people": "督查人员", "found": "督查发现", "agreed": "会商意见",
    "reported_to_name": "呈报领导", "grounds": "事由",
}
VALUE_LABELS = {
    "msg_type": dict(MessageType.choices), "domain": dict(Domain.choices), "urgency": dict(Urgency.choices),
    "mode": dict(PublishMode.choices), "fault": QUALITY_FAULTS,
    "conclusion": LEGAL_CONCLUSIONS, "by": BY_HAND, "grounds": REPORT_GROUNDS,
    "choice": {"add": "隐去", "keep": "取消隐去（非个人信息）", "unkeep": "撤销保留", "unmask": "撤销隐去"},
    "kind": {**LABELS, "writer": "留言人登记的个人信息", "text": "其他文字"}, "rating": dict(Rating.choices), "channel": dict(Channel.choices),
    "places": dict(Channel.choices), "result": dict(LookBackResult.choices), "via": dict(LookBackVia.choices),
}


def event_details(data: dict) -> list[tuple[str, str]]:
    out = []
    for key, label in DETAIL_LABELS.items():
        if key not in data or data[key] in (None, "", []):
            continue
        value = data[key]
        if isinstance(value, list):
            value = "、".join(str(VALUE_LABELS.get(key, {}).get(v, v) if isinstance(v, str) else v) for v in value)
        elif isinstance(value, bool):
            value = "是" if value else "否"
        else:
            value = VALUE_LABELS.get(key, {}).get(value, value)
        out.append((label, str(value)))
    return out


ACTION_LABELS = dict(Action.choices)
ROLE_LABELS = dict(Role.choices)
STATE_LABELS = dict(State.choices)


def timeline(events: list[Event]) -> list[dict]:
    """The timeline's rows with their labels looked up here: a model's get_FOO_display builds the
    field's whole choices dict on every call, four calls an event (issue 17)."""
    return [{"event": e, "details": event_details(e.data), "action": ACTION_LABELS.get(e.action, e.action),
             "role": ROLE_LABELS.get(e.role, e.role), "before": STATE_LABELS.get(e.state_before, e.state_before),
             "after": STATE_LABELS.get(e.state_after, e.state_after)} for e in events]


def offered_forms(user, case, roles: AbstractSet[str], policy, bound: ActionForm | None = None,
                  known: Standing | None = None) -> list[ActionForm]:
    """A form for every action the user may take now; the others are not offered. `known`: the
    user's memberships and the case's assignments, read once for all the actions asked about."""
    forms = []
    known = known or standing(user, case)
    for action in allowed_actions(case):
        if action not in FORMS or not (roles & TABLE[action].roles):
            continue
        if not FORMS[action].offered(policy, case, roles):
            continue
        if bound is not None and bound.action == action:
            forms.append(bound)
        elif can_take(user, case, action, known):
            forms.append(FORMS[action](case=case, user=user, policy=policy))
    return forms


# the case page's reads by key, built by the ORM once (minpan.statements, issue 17)
EVENTS = Prepared(lambda case: Event.objects.filter(case_id=case).select_related("unit").order_by("seq"))
REPLIES = Prepared(lambda case: Reply.objects.filter(case_id=case).select_related("unit", "drafted_by", "signed_by").order_by("-version"))
# the center's templates and those of the user's units
TEMPLATES = Prepared(lambda user, kinds: ReplyTemplate.objects.filter(
    Q(unit__isnull=True) | Q(unit__in=Membership.objects.filter(user_id=user).values("unit_id")), kind__in=kinds, active=True,
).order_by("unit_id", "title"))


def canned(user, kinds: set[str]) -> dict[str, list[ReplyTemplate]]:
    if not kinds:
        return {}
    out: dict[str, list] = {k: [] for k in kinds}
    for t in TEMPLATES.rows(user.pk, kinds=tuple(sorted(kinds))):
        out[t.kind].append(t)
    return out


def case_context(user, case, roles: AbstractSet[str], bound: ActionForm | None = None, error: str = "") -> dict:
    policy = policy_named(case.policy_name)
    clock = Clock()
    left = clock.days_left(case.due_at)
    assignments = kept_assignments(case)  # read by access.case_for for a unit's staff
    if assignments is None:
        assignments = ASSIGNMENTS.rows(case.pk, known=("case", case))
    seen = sight(user, case, assignments)
    if seen.ended_at is not None:
        return past_context(user, case, seen, policy)
    identity = seen.identity
    citizen = citizen_of(case) if identity else None
    events = EVENTS.rows(case.pk, known=("case", case))
    done = {e.action for e in events}
    replies = REPLIES.rows(case.pk, known=("case", case)) if done & REPLY_ACTIONS else []
    # requests are made only by 申请延期 (cases.effects.extension), which the timeline records
    extensions = list(case.extensions.select_related("unit", "requested_by").order_by("-requested_at")) if Action.REQUEST_EXTENSION in done else []
    # the forms' set-up and hard_cases.status read these instead of asking again (one page, one case object)
    case.page_rows = PageRows(events=events, assignments=assignments, replies=replies)
    # Tongliao 第十八条 and Yuncheng 五(二): where a hard case stands, the meetings that set limits
    hard_case = hard_cases.status_in(events, assignments) if policy.reply_content.hard_case_explained else None
    meetings: list = []
    if policy.escalation.coordination_meetings or case.coordinated_due:
        meetings = list(case.meetings.select_related("lead").prefetch_related("units").order_by("recorded_at"))
    known = standing(user, case, assignments)
    forms = offered_forms(user, case, roles, policy, bound, known)
    templates = canned(user, {f.template_kind for f in forms if f.template_kind})
    # 知识库: approved answers in force that match the message, offered beside the direct answer
    knowledge = (search_knowledge(f"{case.subject}\n{case.body}", day=local_date(clock.now), limit=3)
                 if any(f.action == Action.DIRECT_ANSWER for f in forms) else [])
    # advice on the latest reply while it can still be changed or sent back
    reply_check = check_case_reply(case, replies[0], policy, hard_case=hard_case) if replies and case.state in CHECKED_STATES else None
    review = review_context(user, case, roles, known)
    # 并单 both ways: the case this one follows, and the repeats that follow this one (those the user may open)
    merged_into = visible_cases(user).filter(pk=case.merged_into_id).first() if case.merged_into_id else None
    # 并单 records a MERGE event on the earlier case too, naming the repeat (cases.effects.intake):
    # the repeats are looked up by those ids, still merged here. Not by merged_into alone: it is
    # NULL on almost every row, and with statistics (ANALYZE) SQLite then scans the whole table
    # (or walks the received_at index for an ORDER BY), 395 ms at 100,000 cases (issue 17).
    merged_ids = {e.data.get("merged") for e in events if e.action == Action.MERGE and e.data}
    merged_here: list = []
    if merged_ids:
        rows = visible_cases(user).filter(pk__in=merged_ids - {None}, merged_into=case).only("pk", "reg_no", "subject", "received_at")
        merged_here = sorted(rows, key=lambda c: (c.received_at, c.pk))
    if review:
        prefill(forms, review["suggestions"], review["proposals"])
    return {
        "case": case, "subject": seen.subject(case), "body": seen.body(case), "past": None,
        "policy": policy, "left": left, "tone": clock.tone(left), "left_text": clock.describe(left),
        # a deadline is 24:00 of its day; the stored moment is 00:00 of the next
        "due_day": deadline_day(case.due_at) if case.due_at else None,
        "return_due_day": deadline_day(case.return_due_at) if case.return_due_at else None,
        "return_left": clock.describe(clock.days_left(case.return_due_at)) if case.return_due_at else "",
        "identity": identity, "citizen": citizen,
        "lead": next((a for a in assignments if a.active and a.role == "lead"), None),
        "co_units": [a for a in assignments if a.active and a.role == "co"],
        "past_assignments": [a for a in assignments if not a.active],
        "replies": replies, "reply": replies[0] if replies else None, "extensions": extensions,
        "timeline": timeline(events),
        "handed_back": handed_back(events),
        # staff files come only with 上传附件 (desk.attachments), which the timeline records
        "attachments": list(case.attachments.select_related("uploaded_by", "unit")) if Action.ATTACH in done else [],
        # the writer's files come only with the portal form (portal.services.submit stores both)
        "writer_files": list(writer_files(user, case, seen)) if has_portal_form(case) else [],
        "writer_files_withheld": withheld_from(user, case),
        "forms": [{"form": f, "templates": templates.get(f.template_kind, []),
                   "knowledge": knowledge if f.action == Action.DIRECT_ANSWER else []} for f in forms],
        "documents": documents.available(case, assignments=assignments, extensions=extensions, replies=replies,
                                         events=events, overdue=left is not None and left < 0, meetings=meetings),
        "error": error, "state_label": State(case.state).label, "review": review, "reply_check": reply_check,
        "merged_into": merged_into, "merged_here": merged_here,
        "hard_case": hard_cases.LABELS.get(hard_case or "", ""),
        "meetings": meetings,
        "may_upload": case.state not in (State.ARCHIVED,) and bool(roles),
        "publication": preview_context(user, case, roles, known),
    }


def past_context(user, case, seen, policy) -> dict:
    """A unit that no longer holds the case (it returned it, or the case went to another unit or was
    reopened) keeps what it saw until then: the message as units read it, its own assignments,
    the replies, requests, files and timeline up to that moment. Never what the next unit drafts
    or uploads, never the writer's identity, no actions, no documents."""
    ended = seen.ended_at
    assignments = [a for a in case.assignments.select_related("unit", "claimed_by").order_by("dispatched_at") if a.dispatched_at <= ended]
    # its own 退办 happened at that moment; the re-dispatch at the same moment names the next unit
    events = list(case.events.select_related("unit").filter(Q(at__lt=ended) | Q(at=ended, action=Action.RETURN)).order_by("seq"))
    replies = list(case.replies.select_related("unit", "drafted_by", "signed_by").filter(drafted_at__lte=ended).order_by("-version"))
    return {
        "case": case, "subject": seen.subject(case), "body": seen.body(case), "policy": policy,
        "past": {"ended_at": ended, "assignments": assignments},
        "left": None, "tone": "", "left_text": "", "due_day": None, "return_due_day": None, "return_left": "",
        "identity": False, "citizen": None, "lead": None, "co_units": [], "past_assignments": [],
        "replies": replies, "reply": replies[0] if replies else None,
        "extensions": list(case.extensions.select_related("unit", "requested_by").filter(requested_at__lte=ended).order_by("-requested_at")),
        "timeline": timeline(events),
        "attachments": list(case.attachments.select_related("uploaded_by", "unit").filter(uploaded_at__lte=ended)),
        "writer_files": list(writer_files(user, case)), "writer_files_withheld": withheld_from(user, case),
        "handed_back": None,
        "forms": [], "documents": [], "error": "", "state_label": "本单位已不再承办", "review": None,
        "reply_check": None, "merged_into": None, "merged_here": [], "may_upload": False,
    }


def handed_back(events: list[Event]) -> dict | None:
    """The reviewer's send-back (退回重办) or the leader's return of the draft (退回修改) while it is
    the case's latest move: what the handler must redo, shown at the top of the page (also when
    the page comes back with a form error)."""
    moves = [e for e in events if e.state_before != e.state_after]
    last = moves[-1] if moves else None
    if last is None or last.action not in (Action.SEND_BACK, Action.RETURN_DRAFT):
        return None
    data = last.data or {}
    return {"event": last, "sent_back": last.action == Action.SEND_BACK,
            "reason": data.get("reason") or data.get("comment") or last.note}
