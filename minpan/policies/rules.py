"""A policy: every rule the five documents vary, as plain data.

Pure module (no Django models) so settings can validate MINPAN_POLICY at start-up.
Role names used here are the values of minpan.units.roles.Role.

Every field here is read by the code that applies it. What a document says that nothing acts
on yet (the bulletins and reports it names) is kept as a comment in its preset, citing the article, for the rules issue to restore.
The center's review is the center reviewer's (审核) unless `review.final_approver` names the role
that approves what the reviewer has prepared (Xizang 第五条(二): 督查室整理，报秘书长审定).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal

ClockStart = Literal["receipt", "claim"]
ORIGIN = "origin"  # a publication place: the channel the message came by
SignLevel = Literal["principal", "deputy"]  # deputy: 分管 leader or the principal


@dataclass(frozen=True)
class Extension:
    allowed: bool = False
    max_count: int | None = None          # how many requests may be approved
    max_days_each: int | None = None      # working days one request may add
    max_days_total: int | None = None     # working days all extensions may add
    total_limit_days: int | None = None   # whole handling time, answer days + extensions
    approver_role: str = "center_reviewer"
    requester_roles: tuple[str, ...] = ("unit_handler", "unit_principal", "unit_deputy")
    before_deadline: bool = True          # must be asked before the answer deadline
    needs_promised_date: bool = False
    needs_basis: bool = False
    # 逐级: a request by someone without these unit roles is signed by one who has them before the
    # center decides (Tongliao 第十四条); empty: it goes straight to the center
    endorser_roles: tuple[str, ...] = ()
    # a request carries a report of the work done so far (工作进度, Xizang 第五条(四))
    needs_progress: bool = False
    # a request made once the deadline has passed carries a short explanation for the writer, shown
    # on their case page and sent when the extension is approved (Xizang 第五条(四): 向网友做好解释工作)
    explain_late_to_writer: bool = False


@dataclass(frozen=True)
class Return:
    allowed: bool = False
    # 0 = the same day as receipt (当日); N = within N working days counted from the day after receipt
    window_working_days: int = 0
    signer_roles: tuple[str, ...] = ()    # empty: the handler may return it
    needs_basis: bool = False


@dataclass(frozen=True)
class Reminder:
    lead_working_days: int | None = None  # None: no automatic reminder
    recipient: str = "unit_principal"     # role in the lead unit
    # remind while the reply awaits review too (Tongliao 第十三条: 未报送答复意见或未进行公开答复的)
    until_published: bool = False
    # how the document has the reminder sent: inbox (the sweep's notice), phone, sms. phone or sms:
    # the center calls before the deadline and records it (Action.PHONE_REMIND; the operator's
    # 今日电话催办 list)
    by: tuple[str, ...] = ("inbox",)


@dataclass(frozen=True)
class SignOff:
    level: SignLevel | None = None        # None: no unit sign-off
    per_channel: dict[str, SignLevel | None] = field(default_factory=dict)
    seal: bool = False
    # 法制审核 (Chizhou 第九条(五) 必要时要进行法制审核): a case flagged as needing it cannot be
    # submitted until a leader of the unit records the review of its answer
    legal_review: bool = False

    def level_for(self, channel: str) -> SignLevel | None:
        return self.per_channel.get(channel, self.level)


@dataclass(frozen=True)
class Review:
    """The center's review of the unit's answer: one step, or two where a leader approves."""

    # None: the center reviewer approves the answer (审核通过). A role: the reviewer prepares it
    # (整理报审) and this role approves it (审定) or sends it back to the reviewer with a reason.
    final_approver: str | None = None
    approver_title: str = ""              # how the documents name that approver, e.g. 秘书长


@dataclass(frozen=True)
class Publication:
    public_allowed: bool = True
    private_allowed: bool = True
    same_day: bool = False                # publish on the day the reply is approved (publish_due_at)
    # who publishes an approved answer: the 受理员 everywhere; where the reviewing office itself
    # puts the answer online (Xizang 第五条(三)), the reviewer too
    publisher_roles: tuple[str, ...] = ("center_operator",)
    show_handler_contact: bool = False
    # where a public answer is put: channel codes (policies.codes.CHANNELS), or "origin" for the
    # channel the message came by (answered where it was asked); the publisher ticks where it went
    places: tuple[str, ...] = ()
    # the answer goes out in the lead unit's name (Naiman 第十五条 以承办单位名义); otherwise the
    # center's, which publishes it
    in_unit_name: bool = False
    # the public copy names the answering unit beside the reply date (公布承办单位及回复日期)
    show_unit: bool = False

    def places_for(self, channel: str) -> tuple[str, ...]:
        """The places of one case's answer, "origin" read as the channel it came by, each once."""
        return tuple(dict.fromkeys(channel if p == ORIGIN else p for p in self.places))


@dataclass(frozen=True)
class FollowUp:
    rating: bool = True
    callback_by_unit: bool = False        # the unit calls the writer back
    callback_before_submit: bool = False  # Chizhou: no callback recorded, reply returned
    contact_before_handling: bool = False
    # 回头看: the center samples closed cases and checks the measures were carried out (Chizhou 第九条(七))
    look_back: bool = False


# The rungs that judge a unit (移交纪检, 通报批评, 问责) are proposals: drafted for a city leader, who
# approves them or refuses with a reason (notify.letters); a policy may not issue them by itself.
JUDGEMENT_KINDS = ("transfer", "criticise", "account")


@dataclass(frozen=True)
class Step:
    """One rung of the ladder after the answer deadline has passed."""

    kind: str                  # urge 催办, supervise 督办, transfer 移交, criticise 通报批评, account 问责
    after_days: int = 0        # working days after the deadline (0: as soon as it passes)
    letter: str = ""           # the document the step issues, if any
    needs_leader: bool = False  # issued as a draft for a city leader to approve
    unless_explained: bool = False  # skipped while the unit has reported a reason for the delay
    min_prompts: int = 0       # reminders and urges the case must already have had


@dataclass(frozen=True)
class Escalation:
    steps: tuple[Step, ...] = ()
    transfer_to: str = ""                 # who the transfer letter is addressed to (notify.letters)
    # leader-instructed cases get on-site supervision (Action.ON_SITE), awaited from the instruction on
    supervised_on_site: bool = False
    # 一事一报 (Chizhou 第九条(二)): the center reports one case to a named city leader for an instruction
    report_to_leader: bool = False
    # leader-instructed cases (督办事项) are reminded this many working days earlier
    supervised_extra_lead_days: int = 1
    # the faults of an answer (policies.codes.QUALITY_FAULTS) the document names, and the step a
    # send-back for one of them issues at once, as lateness does (None: a send-back only)
    quality_faults: tuple[str, ...] = ()
    quality_step: Step | None = None
    # 专题协调会议 (Yuncheng 五(二)): the center records a meeting that fixes the lead and responsible
    # units and a time limit, which becomes the case's deadline (cases.effects.coordination)
    coordination_meetings: bool = False


@dataclass(frozen=True)
class ReplyContent:
    """What the reply itself must say; the reply check (textmine.replycheck) flags what is missing.

    Each *_article names where the document asks it, so the reviewer is told why.
    """

    requires_handler: bool = False         # the handler (经办人) is named
    requires_contact: bool = False         # a phone or other contact is given
    requires_result_or_basis: bool = True  # a concrete result or measure, or the legal/policy basis
    min_chars: int = 30                    # fewer substantive characters than this: perfunctory
    handler_article: str = ""
    result_article: str = ""
    quality_article: str = ""              # where 答非所问、敷衍塞责 is named as a fault
    # 情况特殊、难以办结: with the center's agreement the unit's answer may be an explanation to the
    # writer rather than a result (Tongliao 第十八条; cases.hard_cases)
    hard_case_explained: bool = False


# What a bulletin (通报) may name: units with overdue cases, units whose answers were sent back as
# perfunctory (a quality fault the policy names), and exemplary units (表扬)
BULLETIN_KINDS = ("overdue", "perfunctory", "exemplary")


@dataclass(frozen=True)
class Bulletins:
    """通报: the periodic bulletin on the units' handling, drafted by the center from the figures
    (minpan.bulletins) and issued only once a leader of `approver_role` approves it."""

    kinds: tuple[str, ...] = ()           # what it names (BULLETIN_KINDS); empty: the document has none
    every: Literal["month", "quarter"] = "month"
    heading: str = "网民留言办理情况通报"    # how the document calls it, e.g. 督查通报
    approver_role: str = "city_leader"
    # 表扬: a unit with at least this many cases falling due, this on-time rate and this satisfaction
    # rate (percent; among its ratings, at least one) and no overdue or perfunctory case
    praise_min_cases: int = 3
    praise_on_time_percent: int = 100
    praise_satisfied_percent: int = 90
    article: str = ""                     # where the document names it, cited in the bulletin


@dataclass(frozen=True)
class Assessment:
    """单位考核 (reports.assessment): each unit's score for a month or a year, from the events the
    core recorded. The documents make the handling part of the units' assessment but give no
    numbers: every number here is the city's (本市设定). Points are taken off (or, on_time, added)
    per event; a sub-unit's events count for its top unit, as in the statistics."""

    basis: str = ""              # the articles the assessment rests on, shown with every point
    start_score: int = 100       # every unit's score before the period's events
    overdue_points: int = 0      # off for a case whose deadline in force passed unanswered
    send_back_points: int = 0    # off for an answer sent back for redoing (退回重办)
    quality_points: int = 0      # off for one sent back for a fault the document names (instead of the above)
    prompt_points: int = 0       # off for a reminder before the deadline (提醒, 电话催办)
    urge_points: int = 0         # off for an urge or supervision after it (催办, 督办)
    criticism_points: int = 0    # off for a criticism (通报批评) on the overdue ladder
    extension_points: int = 0    # off for an approved extension
    unsatisfied_points: int = 0  # off for a rating of 不满意
    look_back_points: int = 0    # off for a 回头看 that found the measures not carried out
    on_time_points: int = 0      # added for a case answered by its deadline in force
    min_cases: int = 3           # cases falling due in the period a unit needs to be ranked


@dataclass(frozen=True)
class Policy:
    name: str
    title: str
    document: str
    answer_working_days: int
    clock_start: ClockStart
    extension: Extension
    return_rule: Return
    reminder: Reminder
    sign_off: SignOff
    publication: Publication
    follow_up: FollowUp
    escalation: Escalation
    message_types: tuple[str, ...]
    not_accepted_reasons: tuple[str, ...]
    channels: tuple[str, ...]
    unit_sees_identity: bool = False      # writer's name and contact shown to the handling unit
    reply_content: ReplyContent = ReplyContent()
    review: Review = Review()
    assessment: Assessment = Assessment()
    bulletins: Bulletins = Bulletins()
    # The rules the document leaves open (an interval it does not give, a lead time it calls
    # "临近到期"): key paths (policies.paths) of the values the city chose, shown as 本市设定
    city_settings: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


# The documents give none of the assessment's numbers: in every preset they are 本市设定.
ASSESSMENT_NUMBERS = tuple(f"assessment.{f.name}" for f in dataclasses.fields(Assessment) if f.name != "basis")
