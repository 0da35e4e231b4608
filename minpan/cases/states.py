from django.db import models

from minpan.policies.codes import CHANNELS, MESSAGE_TYPES, NOT_ACCEPTED_REASONS


class State(models.TextChoices):
    RECEIVED = "received", "待初审"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    ACCEPTED = "accepted", "待分类登记"
    REGISTERED = "registered", "待交办"
    DISPATCHED = "dispatched", "待认领"
    RETURNED = "returned", "退办待处理"
    IN_PROGRESS = "in_progress", "办理中"
    DRAFTED = "drafted", "待审签"
    SIGNED = "signed", "已审签待报送"
    SUBMITTED = "submitted", "待审核"
    SENT_BACK = "sent_back", "退回重办"
    APPROVED = "approved", "待发布"
    PUBLISHED = "published", "已答复"
    ARCHIVED = "archived", "已归档"
    MERGED = "merged", "已并单"


# The sets of states the rules speak of; every module imports them from here.
# A unit holds the case (dispatched to it, answer not yet approved): the answer clock runs.
HELD_BY_UNIT = frozenset({State.DISPATCHED, State.IN_PROGRESS, State.DRAFTED, State.SIGNED, State.SUBMITTED, State.SENT_BACK})
# The unit has claimed the case and works on its answer (a sent-back answer is worked again).
UNIT_AT_WORK = frozenset({State.IN_PROGRESS, State.DRAFTED, State.SIGNED, State.SENT_BACK})
# The unit holds the case and has not submitted its answer: the overdue ladder climbs only here
# (once the answer is with the center, the delay is not the unit's).
AWAITING_UNIT_ANSWER = HELD_BY_UNIT - {State.SUBMITTED}
# The unit may still give the case back (退办): before it drafts an answer.
RETURNABLE = frozenset({State.DISPATCHED, State.IN_PROGRESS})
# Accepted and not yet answered: what the inspection alarm counts.
UNANSWERED = HELD_BY_UNIT | {State.ACCEPTED, State.REGISTERED, State.RETURNED, State.APPROVED}
# A merged case is followed through the case it was merged into (merged_into).
OPEN_STATES = frozenset(State) - {State.NOT_ACCEPTED, State.ARCHIVED, State.MERGED}


class Action(models.TextChoices):
    COLLECT = "collect", "收集"
    ACCEPT = "accept", "受理"
    NOT_ACCEPT = "not_accept", "不予受理"
    MERGE = "merge", "并单"
    UNMERGE = "unmerge", "撤销并单"
    CLASSIFY = "classify", "分类登记"
    DIRECT_ANSWER = "direct_answer", "中心直接答复"
    DISPATCH = "dispatch", "交办"
    CLAIM = "claim", "认领"
    RETURN = "return", "退办"
    REQUEST_EXTENSION = "request_extension", "申请延期"
    APPROVE_EXTENSION = "approve_extension", "同意延期"
    REFUSE_EXTENSION = "refuse_extension", "不同意延期"
    CO_INPUT = "co_input", "配合单位意见"
    DRAFT = "draft", "拟写答复"
    SIGN_OFF = "sign_off", "领导审签"
    SUBMIT = "submit", "报送答复"
    APPROVE = "approve", "审核通过"
    SEND_BACK = "send_back", "退回重办"
    PUBLISH = "publish", "发布答复"
    RATE = "rate", "网民评价"
    CALLBACK = "callback", "回访记录"
    REOPEN = "reopen", "重新办理"
    ARCHIVE = "archive", "归档"
    INSTRUCT = "instruct", "领导批示"
    EXPLAIN_DELAY = "explain_delay", "报告逾期理由"
    APPROVE_BULLETIN = "approve_bulletin", "领导同意印发"
    REFUSE_BULLETIN = "refuse_bulletin", "领导不同意印发"
    # the day's work (issue 12): hand-backs, notes and follow-ups between the people on a case
    RETURN_DRAFT = "return_draft", "退回修改"
    NOTE = "note", "内部批注"
    CENTER_URGE = "center_urge", "中心催办"
    RECALL = "recall", "撤回交办"
    REASSIGN = "reassign", "改派"
    FOLLOW_UP = "follow_up", "网民追问"
    # 逐级 (Tongliao 第十四条): the unit's leader signs the handler's extension request, or refuses it
    ENDORSE_EXTENSION = "endorse_extension", "单位签批延期申请"
    # Xizang 第五条(二): 经政府督查室整理，报秘书长审定 — the reviewer prepares the answer and hands it
    # up; the approver the policy names (review.final_approver) approves it or sends it back
    PREPARE = "prepare", "整理报审"
    RETURN_PREPARED = "return_prepared", "审定退回重新整理"
    # 办前联系: the unit contacts the writer before handling (Xizang 第五条(二))
    CONTACT_WRITER = "contact_writer", "办前联系"
    # Tongliao 第十八条: 情况特殊、难以办结 — the lead unit asks the center (交办单位) to let it
    # explain the matter to the writer instead of answering with a result; the center agrees or refuses
    ASK_HARD_CASE = "ask_hard_case", "申请解释答复（难以办结）"
    AGREE_HARD_CASE = "agree_hard_case", "同意解释答复"
    REFUSE_HARD_CASE = "refuse_hard_case", "不同意解释答复"
    # Yuncheng 五(二): 专题协调会议 — the lead and responsible units it fixed and the time limit it set
    COORDINATE = "coordinate", "专题协调会议"
    # Chizhou 第九条(五) 必要时要进行法制审核: the center or the unit's leader flags the case; a leader
    # of the unit records the review of its answer before it is submitted (cases.effects.oversight)
    FLAG_LEGAL_REVIEW = "flag_legal_review", "标记须法制审核"
    LEGAL_REVIEW = "legal_review", "法制审核"
    # Chizhou 第九条(四), Yuncheng 五(三): the center's reminder by phone (or SMS), recorded
    PHONE_REMIND = "phone_remind", "电话催办"
    # Chizhou 第九条(四): on-site supervision of a leader-instructed case (实地督查、会商研究)
    ON_SITE = "on_site", "实地督查"
    # Chizhou 第九条(二): 一事一报, the center reports one case to a city leader for an instruction
    REPORT_TO_LEADER = "report_to_leader", "一事一报"
    # Chizhou 第九条(七) 回头看: the center checks a sampled closed case's measures were carried out
    LOOK_BACK = "look_back", "回头看核查"
    # 派单异议审核 (国办函〔2025〕66号): a return that cites the dispatch catalogue is decided by the
    # center: the dispute holds (redispatched, the catalogue may be corrected) or not (back to the unit)
    ACCEPT_DISPUTE = "accept_dispute", "派单异议成立"
    REJECT_DISPUTE = "reject_dispute", "派单异议不成立"
    # Tongliao 第十二条: an approved answer not published the same day (notify.sweep)
    PUBLISH_LATE = "publish_late", "发布逾期督办"
    # a new State Council schedule moved the case's deadline (cases.recalendar)
    RECALENDAR = "recalendar", "节假日安排调整期限"
    # a channel's closed history imported as it was answered (minpan import --format shangluo)
    IMPORT_ANSWERED = "import_answered", "导入历史办结件"
    # ATTACH and CONFIRM_EMAIL are recorded on the timeline with no move in the transition table
    # (any staff member who may see the case uploads; the writer confirms their e-mail through the
    # link sent to it). MASK, the reviewer's choices on the public copy, is in the table.
    ATTACH = "attach", "上传附件"
    MASK = "mask", "调整公开隐去"
    CONFIRM_EMAIL = "confirm_email", "留言人确认邮箱"
    # taken by the sweep (role system), never by a person
    REMIND = "remind", "到期提醒"
    URGE = "urge", "催办"
    SUPERVISE = "supervise", "督办"
    TRANSFER = "transfer", "移交"
    CRITICISE = "criticise", "通报批评"
    ACCOUNT = "account", "问责"
    NUDGE = "nudge", "提醒中心处理"
    ALARM = "alarm", "超期未答复预警"


# The codes live in policies.codes; the functional Enum API builds the choices from them. django-stubs
# types TextChoices(...) only as a member lookup, not as that API, hence the ignores.
Channel = models.TextChoices("Channel", [(k, (k, v)) for k, v in CHANNELS.items()])  # type: ignore[call-overload]
MessageType = models.TextChoices("MessageType", [(k, (k, v)) for k, v in MESSAGE_TYPES.items()])  # type: ignore[call-overload]
NotAcceptedReason = models.TextChoices("NotAcceptedReason", [(k, (k, v)) for k, v in NOT_ACCEPTED_REASONS.items()])  # type: ignore[call-overload]


class Domain(models.TextChoices):
    URBAN = "urban", "城乡建设"
    ENVIRONMENT = "environment", "环境保护"
    TRANSPORT = "transport", "交通运输"
    EDUCATION = "education", "教育文体"
    LABOUR = "labour", "劳动和社会保障"
    COMMERCE = "commerce", "商贸旅游"
    HEALTH = "health", "卫生计生"
    OTHER = "other", "其他"


class Urgency(models.TextChoices):
    NORMAL = "normal", "一般"
    URGENT = "urgent", "紧急"
    CRITICAL = "critical", "特急"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class PublishMode(models.TextChoices):
    PUBLIC = "public", "公开答复"
    PRIVATE = "private", "不公开，直接答复留言人"
