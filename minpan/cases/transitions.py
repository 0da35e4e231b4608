"""The one place a case changes state.

TABLE says, for every action, the states it may start from, the state it leads
to (None: the state stays) and who may take it. `apply` locks the case row,
checks the table, lets the action's effect check the policy and write its rows,
recomputes the deadlines and appends the event, all in one transaction; the apps
above the core hear of it through cases.hooks.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db import transaction
from django.db.models import Field
from django.utils import timezone

from minpan.policies.active import policy_named
from minpan.policies.rules import Policy
from minpan.units.models import Unit
from minpan.units.people import memberships_of
from minpan.units.roles import CENTER_ROLES, UNIT_LEADERS, UNIT_ROLES, Role

from . import effects, events, hooks
from .deadlines import recompute
from .errors import CaseError, IllegalTransition, NotPermitted
from .models import Assignment, AssignmentRole, Case
from .states import AWAITING_UNIT_ANSWER, HELD_BY_UNIT, OPEN_STATES, RETURNABLE, UNANSWERED, UNIT_AT_WORK, Action, State


@dataclass(frozen=True)
class Move:
    sources: frozenset
    target: State | None
    roles: frozenset
    # where a unit member must stand: lead / co (the case's lead unit / a co-unit), case (either);
    # center roles act by role alone; citizen: the writer, through the tracking code
    side: str


def _m(sources, target, roles, side="center") -> Move:
    return Move(frozenset(sources), target, frozenset(roles), side)


TABLE: dict[Action, Move] = {
    Action.ACCEPT: _m({State.RECEIVED}, State.ACCEPTED, {Role.CENTER_OPERATOR}),
    Action.NOT_ACCEPT: _m({State.RECEIVED}, State.NOT_ACCEPTED, {Role.CENTER_OPERATOR}),
    # 并单: while the center still holds the message (no unit has it yet), a repeat of an earlier
    # one is closed into it; once dispatched, the unit's answer covers it and 退办 is the way back.
    Action.MERGE: _m({State.RECEIVED, State.ACCEPTED, State.REGISTERED}, State.MERGED, {Role.CENTER_OPERATOR}),
    # a wrong merge is undone: the message goes back to initial review, to be handled on its own
    Action.UNMERGE: _m({State.MERGED}, State.RECEIVED, {Role.CENTER_OPERATOR}),
    Action.CLASSIFY: _m({State.ACCEPTED, State.REGISTERED, State.RETURNED}, State.REGISTERED, {Role.CENTER_OPERATOR}),
    Action.DIRECT_ANSWER: _m({State.REGISTERED}, State.APPROVED, {Role.CENTER_OPERATOR}),
    Action.DISPATCH: _m({State.REGISTERED, State.RETURNED}, State.DISPATCHED, {Role.CENTER_OPERATOR}),
    Action.CLAIM: _m({State.DISPATCHED}, State.IN_PROGRESS, {Role.UNIT_HANDLER}, "lead"),
    Action.RETURN: _m(RETURNABLE, State.RETURNED, UNIT_ROLES, "lead"),
    # 派单异议: the center decides on a return that cited the catalogue (cases.effects.dispute)
    Action.ACCEPT_DISPUTE: _m({State.RETURNED, State.REGISTERED}, State.DISPATCHED, {Role.CENTER_OPERATOR}),
    Action.REJECT_DISPUTE: _m({State.RETURNED, State.REGISTERED}, State.DISPATCHED, {Role.CENTER_OPERATOR}),
    Action.REQUEST_EXTENSION: _m(UNIT_AT_WORK, None, UNIT_ROLES, "lead"),
    Action.ENDORSE_EXTENSION: _m(HELD_BY_UNIT, None, UNIT_LEADERS, "lead"),
    Action.APPROVE_EXTENSION: _m(HELD_BY_UNIT, None, {Role.CENTER_REVIEWER}),
    Action.REFUSE_EXTENSION: _m(HELD_BY_UNIT, None, {Role.CENTER_REVIEWER}),
    # Tongliao 第十八条: the lead unit asks while it works the case; the center (交办单位) decides
    Action.ASK_HARD_CASE: _m(UNIT_AT_WORK, None, UNIT_ROLES, "lead"),
    Action.AGREE_HARD_CASE: _m(HELD_BY_UNIT, None, {Role.CENTER_REVIEWER}),
    Action.REFUSE_HARD_CASE: _m(HELD_BY_UNIT, None, {Role.CENTER_REVIEWER}),
    # Yuncheng 五(二): the 市政府办公室 records a 专题协调会议 while the units still owe the answer
    Action.COORDINATE: _m(AWAITING_UNIT_ANSWER, None, {Role.CENTER_OPERATOR, Role.SUPERVISOR}),
    Action.CO_INPUT: _m(AWAITING_UNIT_ANSWER, None, UNIT_ROLES, "co"),
    Action.DRAFT: _m(UNIT_AT_WORK, State.DRAFTED, {Role.UNIT_HANDLER}, "lead"),
    Action.SIGN_OFF: _m({State.DRAFTED}, State.SIGNED, UNIT_LEADERS, "lead"),
    Action.SUBMIT: _m({State.DRAFTED, State.SIGNED}, State.SUBMITTED, {Role.UNIT_HANDLER}, "lead"),
    # the reviewer approves; where the policy names a final approver (review.final_approver), that
    # role does, once the reviewer has prepared the answer (roles_for, effects.answer.approve)
    Action.APPROVE: _m({State.SUBMITTED}, State.APPROVED, {Role.CENTER_REVIEWER, Role.CITY_LEADER}),
    Action.SEND_BACK: _m({State.SUBMITTED}, State.SENT_BACK, {Role.CENTER_REVIEWER}),
    # 整理报审 and its send-back by the approver: the answer stays with the center (SUBMITTED)
    Action.PREPARE: _m({State.SUBMITTED}, None, {Role.CENTER_REVIEWER}),
    Action.RETURN_PREPARED: _m({State.SUBMITTED}, None, {Role.CITY_LEADER}),
    # the reviewer only where the policy says the reviewing office publishes (effects.answer.publish)
    Action.PUBLISH: _m({State.APPROVED}, State.PUBLISHED, {Role.CENTER_OPERATOR, Role.CENTER_REVIEWER}),
    # 调整公开隐去: the reviewer's choices on the text to be published, while it can still change
    Action.MASK: _m({State.SUBMITTED, State.APPROVED}, None, {Role.CENTER_REVIEWER, Role.CENTER_OPERATOR}),
    Action.RATE: _m({State.PUBLISHED}, None, {Role.CITIZEN}, "citizen"),
    # 追问: after rating the answer 不满意 the writer may follow up once; the center answers by a callback
    Action.FOLLOW_UP: _m({State.PUBLISHED}, None, {Role.CITIZEN}, "citizen"),
    # The unit calls back; the center does when the writer rated the answer 不满意 (待回访).
    # 办前联系 once the unit has the case (claimed), recorded with what was said
    Action.CONTACT_WRITER: _m(UNIT_AT_WORK, None, {Role.UNIT_HANDLER}, "lead"),
    Action.CALLBACK: _m(UNIT_AT_WORK | {State.PUBLISHED}, None, {Role.UNIT_HANDLER, Role.CENTER_OPERATOR}, "lead"),
    Action.REOPEN: _m({State.PUBLISHED, State.ARCHIVED}, State.REGISTERED, {Role.CENTER_OPERATOR}),
    # 回头看 (Chizhou 第九条(七)): the result of checking a sampled closed case; 未落实 leads to REOPEN
    Action.LOOK_BACK: _m({State.PUBLISHED, State.ARCHIVED}, None, {Role.CENTER_OPERATOR, Role.SUPERVISOR}),
    Action.ARCHIVE: _m({State.PUBLISHED, State.NOT_ACCEPTED}, State.ARCHIVED, {Role.CENTER_OPERATOR}),
    Action.INSTRUCT: _m(OPEN_STATES, None, {Role.CITY_LEADER, Role.SUPERVISOR}),
    # Chizhou 第九条(二) 一事一报: the center reports a case to a city leader (cases.effects.oversight)
    Action.REPORT_TO_LEADER: _m(OPEN_STATES, None, {Role.CENTER_OPERATOR}),
    # Chizhou 第九条(四): on-site supervision of an instructed case, by the center or the supervision office
    Action.ON_SITE: _m(OPEN_STATES, None, {Role.CENTER_OPERATOR, Role.SUPERVISOR}),
    # Chizhou 第九条(四), Yuncheng 五(三): the reminder by phone before the deadline, while the unit owes its answer
    Action.PHONE_REMIND: _m(AWAITING_UNIT_ANSWER, None, {Role.CENTER_OPERATOR, Role.SUPERVISOR}),
    # Chizhou 第九条(五) 法制审核: flagged by the center (also on dispatch) or the lead unit's leader while
    # the unit works on the answer; recorded by a leader of the lead unit on the drafted answer
    Action.FLAG_LEGAL_REVIEW: _m(AWAITING_UNIT_ANSWER, None, {Role.CENTER_OPERATOR} | UNIT_LEADERS, "lead"),
    Action.LEGAL_REVIEW: _m({State.DRAFTED, State.SIGNED}, None, UNIT_LEADERS, "lead"),
    # Yuncheng 五(三): a unit overdue with a reported reason gets no 催办通知书
    Action.EXPLAIN_DELAY: _m(AWAITING_UNIT_ANSWER, None, UNIT_ROLES, "lead"),
    Action.APPROVE_BULLETIN: _m(set(State) - {State.RECEIVED, State.NOT_ACCEPTED, State.MERGED}, None, {Role.CITY_LEADER}),
    # the leader may also refuse the draft, with a reason; the case keeps the decision like the approval
    Action.REFUSE_BULLETIN: _m(set(State) - {State.RECEIVED, State.NOT_ACCEPTED, State.MERGED}, None, {Role.CITY_LEADER}),
    # the sweep's steps (notify.sweep): recorded on the case like any other action
    Action.REMIND: _m(HELD_BY_UNIT, None, {Role.SYSTEM}, "system"),
    Action.URGE: _m(HELD_BY_UNIT, None, {Role.SYSTEM}, "system"),
    Action.SUPERVISE: _m(HELD_BY_UNIT, None, {Role.SYSTEM}, "system"),
    Action.TRANSFER: _m(HELD_BY_UNIT, None, {Role.SYSTEM}, "system"),
    Action.CRITICISE: _m(HELD_BY_UNIT, None, {Role.SYSTEM}, "system"),
    Action.ACCOUNT: _m(HELD_BY_UNIT, None, {Role.SYSTEM}, "system"),
    Action.NUDGE: _m(HELD_BY_UNIT | {State.RETURNED}, None, {Role.SYSTEM}, "system"),
    Action.ALARM: _m(UNANSWERED, None, {Role.SYSTEM}, "system"),
    # the center's own lapse: an answer approved but not published on the day the policy says
    Action.PUBLISH_LATE: _m({State.APPROVED}, None, {Role.SYSTEM}, "system"),
    # a calendar import that moves a working day moves the deadlines counted across it
    Action.RECALENDAR: _m(OPEN_STATES, None, {Role.SYSTEM}, "system"),
    # an answered case from a channel's history, recorded as it was answered (minpan.intake)
    Action.IMPORT_ANSWERED: _m({State.RECEIVED}, State.ARCHIVED, {Role.SYSTEM}, "system"),
    # the day's work between the people on a case (issue 12)
    # 退回修改: the leader who would sign sends the draft back to the handler; the draft stays
    Action.RETURN_DRAFT: _m({State.DRAFTED}, State.IN_PROGRESS, UNIT_LEADERS, "lead"),
    # 内部批注: the center, the lead unit and the co-units; never shown to the writer
    Action.NOTE: _m(OPEN_STATES, None, {Role.CENTER_OPERATOR, Role.CENTER_REVIEWER, Role.SUPERVISOR} | UNIT_ROLES, "case"),
    # 中心催办: by hand, while the unit owes its answer (once submitted, the wait is the center's)
    Action.CENTER_URGE: _m(AWAITING_UNIT_ANSWER, None, {Role.CENTER_OPERATOR, Role.SUPERVISOR}),
    # 撤回交办 before the lead unit claims it; 改派 to another lead unit, claimed or not
    Action.RECALL: _m({State.DISPATCHED}, State.REGISTERED, {Role.CENTER_OPERATOR}),
    Action.REASSIGN: _m({State.DISPATCHED, State.IN_PROGRESS}, State.DISPATCHED, {Role.CENTER_OPERATOR}),
}


@dataclass
class Context:
    case: Case
    actor: object | None
    role: Role
    unit: Unit | None
    policy: Policy
    now: dt.datetime
    note: str = ""  # the note the actor writes; the event keeps it, effects may use it


def apply(case: Case | int, action: Action | str, *, actor=None, as_role: str | None = None, now: dt.datetime | None = None, note: str = "", **params) -> Case:
    """Take `action` on the case as `actor`; returns the updated case. Raises CaseError subclasses."""
    action = Action(action)
    move = TABLE[action]
    now = now or timezone.now()
    case_id = case.pk if isinstance(case, Case) else case
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.state not in move.sources:
            raise IllegalTransition(case, State(case.state).label, action.label)
        role, unit = _resolve_actor(case, move, action, actor, as_role)
        ctx = Context(case=case, actor=actor, role=role, unit=unit, policy=policy_named(case.policy_name), now=now, note=note)
        before = case.state
        data = effects.EFFECTS[action](ctx, **params) or {}
        if move.target is not None:
            case.state = move.target
        recompute(case, ctx.policy, now)
        applied = hooks.Applied(
            case=case, action=action, actor=actor, role=role, unit=unit, policy=ctx.policy, at=now,
            before=before, after=case.state, note=note, data=data,
        )
        data = hooks.contributions(applied)
        case.save()
        events.append(
            case=case, actor=actor, role=role, unit=unit, at=now, action=action,
            before=before, after=case.state, note=note, data=data,
        )
        hooks.announce(replace(applied, data=data))
    return case


# Columns the system's steps and recompute() may change; saved together by apply_batch.
BATCH_FIELDS = [
    "due_at", "deadline_at", "remind_at", "return_due_at", "publish_due_at", "next_step_at", "nudge_at", "alarm_at",
    "calendar_unverified", "reminded_for", "steps_done", "prompts", "nudged_for", "alarmed", "updated_at",
    "publish_step_at", "publish_late_for", "phone_at",
]


def apply_batch(case_ids, choose, *, now: dt.datetime) -> list[tuple[Case, Action]]:
    """The sweep's steps on many cases at once, with the same table, effects, deadlines and
    events as `apply`, but one lock, one save and one event insert for the batch.

    `choose(case)` returns (action, params) for a locked case, or None to leave it. Only
    actions the table gives to the system, which never change a case's state, come here.
    A case whose step the rules refuse (already taken, no longer due) is left as it is.
    Listeners (cases.hooks) hear each step after commit, as after `apply`; contributors do not run.
    """
    from django.db.models import Prefetch

    from minpan.workdays.service import one_calendar

    from .models import ExtensionRequest

    done: list[tuple[Case, Action]] = []
    entries: list[dict] = []
    announced: list[hooks.Applied] = []
    with transaction.atomic(), one_calendar():
        cases = Case.objects.select_for_update(of=("self",)).select_related("lead_unit").filter(pk__in=list(case_ids)).order_by("pk").prefetch_related(
            Prefetch("assignments", Assignment.objects.filter(active=True, role=AssignmentRole.LEAD), to_attr="lead_assignments"),
            Prefetch("extensions", ExtensionRequest.objects.filter(state="pending"), to_attr="pending_extensions"),
        )
        for case in cases:
            picked = choose(case)
            if picked is None:
                continue
            action, params = Action(picked[0]), picked[1]
            move = TABLE[action]
            if move.side != "system" or move.target is not None:
                raise ValueError(f"{action} is not a system step")
            if case.state not in move.sources:
                continue
            ctx = Context(case=case, actor=None, role=Role.SYSTEM, unit=None, policy=policy_named(case.policy_name), now=now)
            try:
                # the system's effects check before they change anything, and write no rows
                data = effects.EFFECTS[action](ctx, **params) or {}
            except CaseError:
                continue
            recompute(case, ctx.policy, now)
            case.updated_at = now
            done.append((case, action))
            entries.append(dict(case=case, role=Role.SYSTEM, at=now, action=action, before=case.state, after=case.state, data=data))
            if hooks.heard(action):
                announced.append(hooks.Applied(
                    case=case, action=action, actor=None, role=Role.SYSTEM, unit=None, policy=ctx.policy, at=now,
                    before=case.state, after=case.state, data=data,
                ))
        _save_batch([c for c, _ in done])
        events.append_many(entries)
        hooks.announce_many(announced)
    return done


def _save_batch(cases: list[Case]) -> None:
    # One prepared UPDATE run for every row: bulk_update's CASE WHEN per field and row costs
    # more in building the query than the whole step does.
    if not cases:
        return
    from django.db import connection

    fields = [_column_field(name) for name in BATCH_FIELDS]
    qn = connection.ops.quote_name
    # bandit B608 (SQL built from strings): only our model's quoted table and column names are formatted in; values are %s parameters.
    sql = f"UPDATE {qn(Case._meta.db_table)} SET {', '.join(f'{qn(column)} = %s' for _, column in fields)} WHERE {qn('id')} = %s"  # nosec B608
    rows = [[f.get_db_prep_save(getattr(c, f.attname), connection) for f, _ in fields] + [c.pk] for c in cases]
    with connection.cursor() as cur:
        cur.executemany(sql, rows)


def _column_field(name: str) -> tuple[Field, str]:
    field = Case._meta.get_field(name)
    if not isinstance(field, Field) or field.column is None:
        raise TypeError(f"BATCH_FIELDS names {name!r}, which is not a column of Case")
    return field, field.column


def allowed_actions(case: Case) -> list[Action]:
    """Actions the table allows from the case's state, whoever asks."""
    return [a for a, m in TABLE.items() if case.state in m.sources]


def roles_for(case: Case, action: Action) -> frozenset:
    """The roles that may take the action on this case: the table's, narrowed where the case's
    policy says who does it (publication.publisher_roles: the reviewer publishes only in Xizang;
    review.final_approver: the answer is approved by that role, else by the reviewer)."""
    roles = TABLE[action].roles
    if action == Action.PUBLISH:
        roles = roles & frozenset(policy_named(case.policy_name).publication.publisher_roles)
    elif action == Action.APPROVE:
        roles = roles & {policy_named(case.policy_name).review.final_approver or Role.CENTER_REVIEWER}
    return roles


@dataclass(frozen=True)
class Standing:
    """What can_take reads about a user and a case, read once for a page that asks about every
    action (the case page): the user's memberships and the case's active (unit_id, role) pairs."""

    memberships: tuple
    active: frozenset


def standing(user, case: Case, assignments=None) -> Standing:
    """`assignments`: the case's assignments already read (the case page has them), else read here."""
    if assignments is None:
        active = frozenset(Assignment.objects.filter(case=case, active=True).values_list("unit_id", "role"))
    else:
        active = frozenset((a.unit_id, a.role) for a in assignments if a.active)
    return Standing(tuple(memberships_of(user)), active)


def _resolve_actor(case: Case, move: Move, action: Action, actor, as_role, known: Standing | None = None):
    if move.side == "citizen":
        if actor is not None:
            raise NotPermitted(f"“{action.label}”只能由留言人凭查询码进行。")
        return Role.CITIZEN, None
    if move.side == "system":
        if actor is not None:
            raise NotPermitted(f"“{action.label}”由系统按期限自动执行。")
        return Role.SYSTEM, None
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise NotPermitted(f"“{action.label}”需要登录的工作人员。")
    memberships = list(known.memberships if known else actor.memberships.select_related("unit"))
    if as_role:
        memberships = [m for m in memberships if m.role == as_role]
    wanted = set()
    if move.side in ("lead", "co", "case") and known is not None:
        side = None if move.side == "case" else (AssignmentRole.LEAD if move.side == "lead" else AssignmentRole.CO)
        wanted = {unit_id for unit_id, role in known.active if side is None or role == side}
    elif move.side in ("lead", "co", "case"):
        on_case = Assignment.objects.filter(case=case, active=True)
        if move.side != "case":
            on_case = on_case.filter(role=AssignmentRole.LEAD if move.side == "lead" else AssignmentRole.CO)
        wanted = set(on_case.values_list("unit_id", flat=True))
    roles = roles_for(case, action)
    for m in memberships:
        if m.role in roles and (m.role in CENTER_ROLES or m.unit_id in wanted):
            return Role(m.role), m.unit
    who = "、".join(Role(r).label for r in sorted(roles))
    where = {"center": "", "lead": "牵头单位的", "co": "配合单位的", "case": "中心或承办、配合单位的"}[move.side]
    raise NotPermitted(f"“{action.label}”须由{where}{who}进行；{actor.get_username()} 无此权限。")


def can_take(user, case: Case, action: Action | str, known: Standing | None = None) -> bool:
    """Whether `user` may take `action` on the case now: the table's state and the same role
    and unit rules as apply (policy checks inside the effects still run when it is taken).
    `known`: standing(user, case) read once for many questions; read here otherwise."""
    action = Action(action)
    move = TABLE[action]
    if case.state not in move.sources:
        return False
    try:
        _resolve_actor(case, move, action, user, None, known)
    except NotPermitted:
        return False
    return True
