"""通辽市人民网地方领导留言板市长板块“民盼通办”工作办法（暂行），2023-05-12."""
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
    name="tongliao",
    title="通辽市 民盼通办（2023）",
    document="通辽市人民网地方领导留言板市长板块“民盼通办”工作办法（暂行）",
    # 第十条、第十一条: 自收到承办单 5 个工作日内办理
    answer_working_days=5,
    clock_start="receipt",
    # 第十四条: 逐级提出延期办结申请，经同意方可按延期时限办结，延期最长不超过 3 个工作日
    extension=Extension(
        allowed=True, max_days_each=3, max_days_total=3,
        approver_role="center_reviewer", before_deadline=True,
        endorser_roles=("unit_deputy", "unit_principal"),
    ),
    # 第十五条: 收到承办单后当日，由分管领导签字后书面退回，并说明退件原因；后续重新派单
    return_rule=Return(allowed=True, window_working_days=0, signer_roles=("unit_deputy", "unit_principal")),
    # 第十三条: 办理时限到期前一天仍未报送答复意见的，对承办单位主要负责同志催办提醒
    reminder=Reminder(lead_working_days=1, recipient="unit_principal", until_published=True),
    # 第十一条: 经本单位主要负责人审签后，并加盖公章
    sign_off=SignOff(level="principal", seal=True),
    # 第七条(一): 留言答复在公开前要进行审核 — the center reviewer's 审核通过 (transition table)
    # 第十二条: 运维中心以承办单位的回复意见当日在网站上公开答复，并公布承办单位及经办人联系方式
    # 第十八条: 涉及个人隐私的答复可通过电话、电子邮件答复本人，并在公开时说明
    # 第十二条: 在网站上公开答复 — on the 人民网 board the message was left on (第三条: 市长板块, or the
    # 主席板块 assigned from the region); the center publishes the unit's answer (以承办单位的回复意见),
    # not in the unit's name, and names the unit (公布承办单位) and the handler's contact
    publication=Publication(same_day=True, show_handler_contact=True, places=("origin",), show_unit=True),
    # 第十八条: 强化满意率回访
    follow_up=FollowUp(rating=True),
    # 第十九条: “三单一函” 提醒、催办、督办、移交；第二十条: 移交纪检监察机关并报市政府督查室专项督办
    # 第二十一条: 定期通报，年度绩效考核反向扣分
    # The document names the rungs but no intervals: 催办 when the deadline passes, 督办 after
    # 3 more working days, 移交 (a letter for a supervisor to send) after 10 are our defaults.
    escalation=Escalation(
        steps=(
            Step("urge", 0),
            Step("supervise", 3, letter="督办通知"),
            Step("transfer", 10, letter="移交纪检监察机关函", needs_leader=True),
        ),
        transfer_to="纪检监察机关",
        # 第十九条: 答非所问、敷衍塞责、推诿扯皮、重答轻办 … 按照“三单一函”机制启动程序 — a 催办单 at once
        quality_faults=("off_topic", "perfunctory", "buck_passing", "light_action"),
        quality_step=Step("urge", letter="催办单"),
        # Not yet a setting (issue 14, rules): 第二十一条 年度考核反向扣分
    ),
    # 第七条(一): 咨询、建议、投诉等
    message_types=("consult", "suggestion", "complaint", "supervision", "other"),
    # 第五条: 不予受理的留言事项
    not_accepted_reasons=(
        "out_of_scope", "legal_process", "discipline_appeal", "secrets_privacy",
        "military_security", "duplicate", "unlawful_abusive", "no_identity", "other",
    ),
    # 第三条: 市长板块留言；主席板块由自治区政府政研室后台交办
    channels=("people_daily", "people_daily_chairman"),
    # 第十八条: 隐私答复由承办单位直接答复留言者本人，须知其联系方式
    unit_sees_identity=True,
    # Not yet a setting (issue 14, rules): 第二十一条 reports=("定期通报", "年度考核")
    # 第十二条: 公布承办单位及经办人联系方式；第十一条: 核查后形成回复意见；
    # 第十九条: 答非所问、敷衍塞责、重答轻办 启动“三单一函”
    # 第十八条: 对情况特殊、难以办结的网民留言，承办单位可在征得网民留言交办单位同意后，向网民做好解释工作
    reply_content=ReplyContent(
        requires_handler=True, requires_contact=True, handler_article="第十二条",
        result_article="第十一条", quality_article="第十九条", hard_case_explained=True,
    ),
    # 第二十一条: 加强平时办理答复质效考核，年底前将考核意见报送市政府督查室，在年度绩效考核中进行反向扣分;
    # 第十九条: 答非所问、敷衍塞责、推诿扯皮、逾期办理、久催不办、重答轻办 — what points are taken off for.
    # Points only off (反向扣分); how many per event is the city's (本市设定)
    assessment=Assessment(
        basis="第十九条、第二十一条", overdue_points=2, quality_points=2, send_back_points=1,
        urge_points=1, unsatisfied_points=1,
    ),
    # 第二十一条: 运维中心定期将有关情况报市政府在全市范围内进行通报，同时加强平时办理答复质效考核 —
    # the units overdue (第十三条、第十九条) and those whose answers were sent back as 答非所问、敷衍塞责
    # (第十九条); 定期 gives no interval: monthly is the city's
    bulletins=Bulletins(kinds=("overdue", "perfunctory"), every="month", approver_role="city_leader", article="第二十一条"),
    # 第十九条 names the rungs of “三单一函” but no intervals between them: when each is taken is the city's;
    # how much earlier a 督办事项 is reminded (第十三条 says only 到期前一天) too
    city_settings=("bulletins.every", "escalation.steps[0].after_days", "escalation.steps[1].after_days",
                   "escalation.steps[2].after_days", "escalation.supervised_extra_lead_days", *ASSESSMENT_NUMBERS),
)
