"""池州市网友留言、政务热线等办理工作办法（池政办秘〔2020〕92号）."""
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

# 第九条(五): 省级交办的事项，办理结果一律由承办单位主要负责同志审签 — 第五条: 省政府督查室、省政务
# 公开办通过省级平台转办的事项, which 第一条 lists: 国务院“互联网+督查”, 省长信箱, 人民网“地方领导留言”
# (给省长或市长留言, forwarded by the province), 省长热线
PROVINCE_CHANNELS = ("gov_supervision", "governor_mailbox", "people_daily", "governor_hotline")
# 第九条(五): 市长信箱、市长热线交办事项，办理结果须经承办单位分管负责同志审核
CITY_CHANNELS = ("mayor_mailbox", "mayor_hotline")
# 第九条(五) names no level for 政务“双微” (第一条's third city channel): the unit's own review
# (各承办单位要加强对办理结果的审核) with no named signer, so none is required here; a city may set one.
UNNAMED_CHANNELS = ("new_media",)

POLICY = Policy(
    name="chizhou",
    title="池州市 网友留言、政务热线办理（2020）",
    document="池州市网友留言、政务热线等办理工作办法（池政办秘〔2020〕92号）",
    # 第九条(三): 原则上 7 个工作日内完成办理并反馈办理结果（注明经办人姓名、联系电话）
    answer_working_days=7,
    clock_start="receipt",
    # 第九条(三): 经承办单位分管负责同志签批同意可申请延期 1 次；
    # 延期后单个办件的办理时限不超过 15 个工作日（含退回重办件）
    extension=Extension(
        allowed=True, max_count=1, total_limit_days=15,
        requester_roles=("unit_deputy", "unit_principal"),
        approver_role="center_reviewer", before_deadline=True,
    ),
    # 办法未设退办；第九条(六): 市政府办公室可退回重办
    return_rule=Return(allowed=False),
    # 第九条(四): 对临近到期尚未办结的事项，市政府办公室通过电话等方式催办，并做好记录 — the
    # sweep's notice, and the center's call recorded on the case (今日电话催办)
    reminder=Reminder(lead_working_days=1, recipient="unit_handler", by=("inbox", "phone")),
    # 第九条(五), channel by channel as above
    sign_off=SignOff(
        level=None,
        per_channel={**{c: "principal" for c in PROVINCE_CHANNELS}, **{c: "deputy" for c in CITY_CHANNELS},
                     **{c: None for c in UNNAMED_CHANNELS}},
        # 第九条(五): 各承办单位要加强对办理结果的审核……必要时要进行法制审核 — "when needed": the
        # center or the unit's leader flags the case, and its answer is then reviewed before it is sent
        legal_review=True,
    ),
    # 第九条(六): 市政府办公室审核办理结果，不符合要求的退回重新办理 — the center reviewer's
    # 审核通过 and 退回重办 (transition table)
    # 第八条: 件件有回音、事事有回复；第九条(七): 告知办理结果 — answered on the platform the message came
    # by (第一条: 互联网+督查、省长信箱、人民网、市长信箱、政务“双微”…), by the 市政府办公室 that reviews it
    # (第九条(六)); 第九条(三): 反馈注明经办人姓名、联系电话 — published, so the unit is named with them
    publication=Publication(show_handler_contact=True, places=("origin",), show_unit=True),
    # 第九条(七): 办结后承办单位回访并在反馈时注明，未回访的予以退回（诉求人未留联系方式的除外）；“回头看”
    # 第九条(七): 市政府办公室对已办结事项不定期开展“回头看”，核查办理措施落实情况 — look_back
    follow_up=FollowUp(rating=True, callback_by_unit=True, callback_before_submit=True, look_back=True),
    # 第九条(四): 超时限或质量不高的下发书面督办通知；领导批示的实地督查；第十四条 追究责任
    # 第九条(四)、第十四条: 问责 has no interval in the document; 5 working days is our default.
    escalation=Escalation(
        steps=(Step("supervise", 0, letter="书面督办通知"), Step("account", 5, needs_leader=True)),
        # 第九条(四): 对超过办理时限、办理质量不高、效果不好的，下发书面督办通知
        quality_faults=("poor_result",),
        quality_step=Step("supervise", letter="书面督办通知"),
        # 第九条(四): 对市政府领导作出批示或反映事项重大的，市政府办公室安排人员实地督查、会商研究
        supervised_on_site=True,
        # 第九条(二): 对疑难复杂、牵涉面广、易出现推诿扯皮、反复集中反映的事项，市政府办公室将一事一报，
        # 呈请市政府领导作出批示或协调部署. The other documents have no such report: Yuncheng 五(二) calls
        # a 专题协调会议 instead and 五(四) asks a leader only to approve a criticism; Tongliao 第十六条 and
        # Xizang 第五条(六) only file 领导批示 with the records; Naiman names none.
        report_to_leader=True,
        # Not yet a setting (issue 14, rules): 第十一条 月度分析报告
    ),
    # 第六条: 困难和问题、咨询、意见建议、投诉
    message_types=("help", "consult", "suggestion", "complaint", "other"),
    # 第七条: 党委人大政协等职责、已进入诉讼仲裁复议信访、商业纠纷和个人之间纠纷
    not_accepted_reasons=("out_of_scope", "legal_process", "private_dispute"),
    # 第一条
    channels=PROVINCE_CHANNELS + CITY_CHANNELS + UNNAMED_CHANNELS,
    # 第九条(七): 承办单位回访诉求人；第十二条: 做好诉求人信息保密
    unit_sees_identity=True,
    # Not yet a setting (issue 14, rules): 第十一条、第九条(一) reports=("月度分析", "对账销号")
    # 第九条(三): 反馈办理结果，须注明经办人姓名、联系电话；第九条(六): 不符合法律法规和政策要求的退回；
    # 第九条(四)、第十四条: 办理质量不高的督办、追责
    reply_content=ReplyContent(
        requires_handler=True, requires_contact=True, handler_article="第九条(三)",
        result_article="第九条(三)(六)", quality_article="第九条(四)",
    ),
    # 第十三条: 承办单位办理情况纳入年度政府目标管理绩效考核; 第九条(六) 退回重办, (七) 满意度与“回头看”
    # — what points are taken off for; the numbers are the city's
    assessment=Assessment(
        basis="第九条(六)(七)、第十三条", overdue_points=2, send_back_points=1, quality_points=2,
        unsatisfied_points=1, look_back_points=2,
    ),
    # 第十一条: 市政府办公室每月形成办理情况分析报告，定期通报办理情况 — monthly, the units overdue and those
    # whose answers were 办理质量不高、效果不好 (第九条(四))
    bulletins=Bulletins(kinds=("overdue", "perfunctory"), every="month", approver_role="city_leader", article="第十一条"),
    # 第九条(四) “临近到期” and 第十四条 追究责任 give no number of days: the city's
    city_settings=("reminder.lead_working_days", "escalation.steps[1].after_days",
                   "escalation.supervised_extra_lead_days", *ASSESSMENT_NUMBERS),
)
