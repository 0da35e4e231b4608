"""西藏自治区 人民网网友留言办理工作实施办法（试行），2017-07-27."""
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
    Review,
    SignOff,
    Step,
)

POLICY = Policy(
    name="xizang",
    title="西藏自治区 人民网网友留言办理（2017）",
    document="人民网网友留言办理工作实施办法（试行）",
    # 第五条(四): 一般性留言 10 个工作日内提供答复材料；办理时限从领办之日起计算
    answer_working_days=10,
    clock_start="claim",
    # 第五条(四): 情况复杂的可适当延长，延长期限不得超过 20 个工作日，并及时报告进度；
    # 逾期不能提供答复材料的，向政府督查室提出延期办理书面申请（故不限于到期前）
    # “延长期限不得超过 20 个工作日”理解为各次延期合计不超过 20 个工作日（max_days_total，见 README）
    extension=Extension(
        allowed=True, max_days_total=20, approver_role="center_reviewer",
        before_deadline=False,
        # 第五条(四): 延长办理期限的，并及时向政府督查室报告工作进度
        needs_progress=True,
        # 第五条(四): 逾期不能提供答复材料的，提出延期办理书面申请 … 同时向网友做好解释工作
        explain_late_to_writer=True,
    ),
    # 第五条(五): 收到督办文函后，不属于本单位职能的，应在当日书面退回，并说明退件原因
    return_rule=Return(allowed=True, window_working_days=0),
    # 第五条(四): 到期前一天仍未报送答复材料的进行催办提醒
    reminder=Reminder(lead_working_days=1, recipient="unit_handler"),
    # 第五条(二): 答复材料经政府督查室整理，报秘书长审定（中心审核，不设单位审签）
    sign_off=SignOff(level=None),
    # 第五条(三): 适宜公开的在网上公开，不宜公开的直接回复留言人
    # 第五条(三): 政府督查室对答复材料进行审核，适宜公开的在网上公开 — the office that reviews also publishes;
    # 第五条(二): 经政府督查室整理，报秘书长审定后，及时上传人民网公开答复 — on the 人民网 board, as the
    # government's answer compiled by the 督查室 (not in the unit's name); the unit is not named
    publication=Publication(publisher_roles=("center_operator", "center_reviewer"), places=("people_daily_chairman",)),
    # 第五条(二): 承办单位对留有联系信息的网友要在办前主动联系、办后回访联系
    follow_up=FollowUp(rating=True, callback_by_unit=True, contact_before_handling=True),
    # 第五条(三)(四)(七): 逾期督办，主要领导批示的列为督办事项，《督查通报》并纳入绩效考核
    # 第五条(四): 逾期督办制度，政府督查室跟踪督办
    escalation=Escalation(
        steps=(Step("supervise", 0),),
        # 第五条(五): 答非所问、敷衍塞责的退回重新办理 — a send-back, no letter
        quality_faults=("off_topic", "perfunctory"),
        # Not yet a setting (issue 14, rules): 第五条(七) 绩效考核
    ),
    # 第五条(一): 咨询、投诉、求助、建议、其它
    message_types=("consult", "complaint", "help", "suggestion", "other"),
    # 第四条 非受理内容
    not_accepted_reasons=("unlawful_abusive", "duplicate", "not_answerable", "no_identity", "legal_process"),
    channels=("people_daily_chairman",),
    # 第五条(二) 办前联系需要联系方式；第六条: 不得向利害相对人提供来信人信息（由个案“回避”处理）
    unit_sees_identity=True,
    # Not yet a setting (issue 14, rules): 第五条(七) reports=("督查通报",)
    # 第七条(二): 答复材料政策法律依据准确；第七条(三): 告知调查处理结果；
    # 第五条(五): 答非所问、敷衍塞责的退回重新办理
    reply_content=ReplyContent(result_article="第七条(二)(三)", quality_article="第五条(五)"),
    # 第五条(二): 承办单位提供正式答复材料，经政府督查室整理，报自治区人民政府秘书长审定后上传公开
    # 督查室（审核员）整理报审；秘书长（市领导角色）审定通过，或写明意见退回重新整理
    review=Review(final_approver="city_leader", approver_title="秘书长"),
    # 第五条(七): 定期总结通报人民网网友留言办理情况，并适时纳入到全区绩效考核体系中; 第五条(四) 逾期督办,
    # (五) 答非所问、敷衍塞责的退回重新办理 — what points are taken off for; the numbers are the city's
    assessment=Assessment(
        basis="第五条(四)(五)(七)", overdue_points=2, quality_points=2, send_back_points=1, urge_points=1,
    ),
    # 第五条(七): 以政府《督查通报》为载体，定期总结通报人民网网友留言办理情况 — overdue units (第五条(四)) and
    # answers 答非所问、敷衍塞责 sent back (第五条(五)); 定期 gives no interval: quarterly is the region's
    bulletins=Bulletins(kinds=("overdue", "perfunctory"), every="quarter", heading="督查通报", approver_role="city_leader",
                        article="第五条(七)"),
    # 第五条(四) reminds 到期前一天; how much earlier a 督办事项 is reminded is the city's
    city_settings=("bulletins.every", "escalation.supervised_extra_lead_days", *ASSESSMENT_NUMBERS),
)
