"""运城市集中受理网民留言工作实施方案（运政办发〔2020〕20号）.

The document has sections, not articles: citations name 五(三) = 五、运行机制（三）.
"""
from minpan.policies.rules import (
    ASSESSMENT_NUMBERS,
    Assessment,
    Bulletins,
    Escalation,
    Extension,
    FollowUp,
    Policy,
    Publication,
    Reminder,
    ReplyContent,
    Return,
    SignOff,
    Step,
)

POLICY = Policy(
    name="yuncheng",
    title="运城市 集中受理网民留言（2020）",
    document="运城市集中受理网民留言工作实施方案（运政办发〔2020〕20号）",
    # 五(三): 各承办单位接到转办卡后，须在 3 个工作日内办结
    answer_working_days=3,
    clock_start="receipt",
    # 五(三): 须在办理时限届满前提交《延长办理卡》，注明承诺延长的时限、依据和理由（未设上限）
    extension=Extension(
        allowed=True, approver_role="center_reviewer", before_deadline=True,
        needs_promised_date=True, needs_basis=True,
    ),
    # 五(三): 收到转办函件次日起 1 个工作日内退回，并详细说明理由和依据
    return_rule=Return(allowed=True, window_working_days=1, needs_basis=True),
    # 五(三): 办理时限届满前通过电话或网络短信等方式进行催办（提前量未规定，取 1 个工作日）— the
    # sweep's notice, and the center's call or text message recorded on the case (今日电话催办)
    reminder=Reminder(lead_working_days=1, recipient="unit_handler", by=("inbox", "phone", "sms")),
    # 方案未规定承办单位审签
    sign_off=SignOff(level=None),
    # 五(四)(五): 承办单位向“市长信箱”反馈，市长信箱审核后回复 — the center reviewer's 审核通过 (transition table)
    # 五(五): 收到办结反馈后，应快速对网民留言进行回复
    # 四: 网民登录任何一家门户网站均可留言至“市长信箱”; 三: 回复职责统一交由“市长信箱”承担 — the answer is
    # the 市长信箱's, in its name, where the message was left (the 市长信箱, or the 人民网 board and the
    # 今日运城 app the 附件 keeps); the 方案 does not ask the unit to be named
    publication=Publication(places=("origin",)),
    # 二: “从严考核” 评价由市长信箱承担
    follow_up=FollowUp(rating=True),
    # 五(三): 超期未说明理由发《催办通知书》；五(四): 两次催办仍超过时限 3 个工作日且不说明理由，
    # 报请市政府领导批示同意后书面通报批评；推诿敷衍的转交督查室问责
    escalation=Escalation(
        steps=(
            Step("urge", 0, letter="催办通知书", unless_explained=True),
            Step("criticise", 3, letter="通报批评（草稿）", needs_leader=True, unless_explained=True, min_prompts=2),
        ),
        transfer_to="市委、市政府督查室",
        # 五(四): 推诿扯皮、敷衍塞责的，经市委、市政府领导批示同意后，转交督查室按程序进行问责
        quality_faults=("buck_passing", "perfunctory"),
        quality_step=Step("transfer", letter="问责移交函", needs_leader=True),
        # 五(二): 影响面广、涉事部门多、时间跨度长、协调难度大的问题，由市政府办公室及时召开专题协调会议，
        # 明确牵头单位和责任单位职责，限期办理
        coordination_meetings=True,
    ),
    # 五(一): 咨询、反映、投诉、建议、求助
    message_types=("consult", "report", "complaint", "suggestion", "help"),
    # 附件“不予整合”: 组织人事、纪检监察、法律诉讼；其余依通行规定
    not_accepted_reasons=(
        "out_of_scope", "legal_process", "discipline_appeal", "secrets_privacy",
        "military_security", "duplicate", "unlawful_abusive", "no_identity", "other",
    ),
    # 四: 统一至“市长信箱”；附件: 保留“今日运城”客户端与人民网领导留言板
    channels=("mayor_mailbox", "tv_app", "people_daily"),
    # 三: 答复由“市长信箱”统一承担；六(四): 严防泄漏网民信息
    unit_sees_identity=False,
    # Not yet a setting (issue 14, rules): 五(六) reports=("专报", "月报")
    # 五(二): 依据相关规定回复、办结群众诉求；五(四): 推诿扯皮、敷衍塞责的转交督查室问责。
    # 答复由“市长信箱”统一发出（三），方案未要求写明经办人。
    reply_content=ReplyContent(result_article="五(二)", quality_article="五(四)"),
    # 五(四): 催办和通报批评情况，作为考核承办单位工作的主要依据 — points off per urge (催办通知书 and
    # the ladder after the deadline) and per criticism; the numbers are the city's. The call before the
    # deadline (五(三)) is made on every case, so it judges no unit: no points (prompt_points 0)
    assessment=Assessment(basis="五(四)", urge_points=2, criticism_points=5),
    # 五(四): 催办和通报批评情况作为考核承办单位工作的主要依据 (each criticism is the ladder's, approved by a
    # leader); 五(六): 分类统计，以“专报”“月报”定期报告 — the month's bulletin of the units overdue and those
    # 推诿扯皮、敷衍塞责, for the leader's approval
    bulletins=Bulletins(kinds=("overdue", "perfunctory"), every="month", approver_role="city_leader", article="五(四)、五(六)"),
    # 五(三) “办理时限届满前”催办 gives no lead time: the city's
    city_settings=("reminder.lead_working_days", "escalation.supervised_extra_lead_days", *ASSESSMENT_NUMBERS),
)
