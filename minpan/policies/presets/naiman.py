"""奈曼旗人民政府门户网站和政府系统政务新媒体帐号网民留言办理工作制度."""
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
    name="naiman",
    title="奈曼旗 网民留言办理",
    document="奈曼旗人民政府门户网站和政府系统政务新媒体帐号网民留言办理工作制度",
    # 第十四条、第十七条: 自收到《网民留言回复情况表》5 个工作日内
    answer_working_days=5,
    clock_start="receipt",
    # 第十七条: 须在 5 个工作日内办结；制度未设延期
    extension=Extension(allowed=False),
    # 制度未设退办；第十条: 单位负责认领涉及本单位职责的留言
    return_rule=Return(allowed=False),
    # 制度未设到期前提醒
    reminder=Reminder(lead_working_days=None),
    # 第十四条: 经本单位主要负责人或分管领导审签后加盖公章
    sign_off=SignOff(level="deputy", seal=True),
    # 第十条(三): 留言答复在公开前要进行审核 — the center reviewer's 审核通过 (transition table)
    # 第十五条: 旗政府门户网站管理中心以承办单位名义在旗政府门户网站和旗政府新媒体帐号上回复网民，
    # 并在帐号公布承办单位及回复日期 — both places, in the unit's name, naming the unit and the date
    publication=Publication(places=("portal", "new_media"), in_unit_name=True, show_unit=True),
    # 第十条: 认领、承办、核查、答复和回访
    follow_up=FollowUp(rating=True, callback_by_unit=True),
    # 第十八条: 通报表扬、通报批评、严肃处理
    # 第十八条: 对敷衍应付、逾期办理的予以通报批评 — a draft bulletin when the deadline passes
    escalation=Escalation(
        steps=(Step("criticise", 0, letter="通报批评（草稿）", needs_leader=True),),
        # 第十八条: 对敷衍应付、逾期办理的予以通报批评
        quality_faults=("perfunctory",),
        quality_step=Step("criticise", letter="通报批评（草稿）", needs_leader=True),
    ),
    # 第十条(二): 咨询、投诉、建议
    message_types=("consult", "complaint", "suggestion", "other"),
    # 第七条
    not_accepted_reasons=(
        "out_of_scope", "legal_process", "discipline_appeal", "secrets_privacy",
        "military_security", "duplicate", "unlawful_abusive", "other",
    ),
    # 第四条: 门户网站“网上咨询”与政务新媒体；第五条: “我为政府网站找错”
    channels=("portal", "new_media", "website_error"),
    # 第十条: 承办单位负责回访
    unit_sees_identity=True,
    # Not yet a setting (issue 14, rules): 第九条、第十八条 reports=("统计",)
    # 第十五条 公布承办单位及回复日期（不含经办人）；第十四条: 调查核实形成回复内容；
    # 第十八条: 敷衍应付的予以通报批评
    reply_content=ReplyContent(result_article="第十四条", quality_article="第十八条"),
    # 第九条: 政务服务局负责留言的统计、考核; 第十八条: 对工作认真、办理质量好的通报表扬；对敷衍应付、
    # 逾期办理的予以通报批评 — points off for those, added for answers on time; the numbers are the city's
    assessment=Assessment(
        basis="第九条、第十八条", overdue_points=2, quality_points=2, criticism_points=3, on_time_points=1,
    ),
    # 第十八条: 旗政府督查室将跟踪督查、复核统计承办单位网民留言办理工作，对工作认真、办理质量好的通报表扬；
    # 对敷衍应付、逾期办理的予以通报批评. The interval and what counts as 办理质量好 are the city's
    bulletins=Bulletins(
        kinds=("overdue", "perfunctory", "exemplary"), every="month", approver_role="city_leader",
        praise_min_cases=3, praise_on_time_percent=100, praise_satisfied_percent=90, article="第十八条",
    ),
    city_settings=("bulletins.every", "bulletins.praise_min_cases", "bulletins.praise_on_time_percent",
                   "bulletins.praise_satisfied_percent", *ASSESSMENT_NUMBERS),
)
