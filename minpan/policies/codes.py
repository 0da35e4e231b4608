"""Codes shared by the policies and the case model (pure: no Django imports)."""

CHANNELS = {
    "people_daily": "人民网领导留言板（市长板块）",
    "people_daily_chairman": "人民网领导留言板（主席板块）",
    "mayor_mailbox": "市长信箱",
    "portal": "政府网站网上咨询",
    "new_media": "政务新媒体（微信、微博）",
    "hotline_12345": "12345 政务服务热线",
    "mayor_hotline": "市长热线",
    "governor_mailbox": "省长信箱",
    "governor_hotline": "省长热线",
    "gov_supervision": "国务院“互联网+督查”平台",
    "website_error": "我为政府网站找错",
    "tv_app": "电视台手机客户端",
}

MESSAGE_TYPES = {
    "consult": "咨询",
    "report": "反映",
    "complaint": "投诉",
    "help": "求助",
    "suggestion": "建议",
    "supervision": "监督意见",
    "other": "其它",
}

NOT_ACCEPTED_REASONS = {
    "out_of_scope": "超出本级政府行政管理范围",
    "legal_process": "已进入司法、仲裁、行政复议或信访程序",
    "discipline_appeal": "不服党纪、政纪处分的申诉",
    "secrets_privacy": "涉及国家秘密、商业秘密、个人隐私",
    "military_security": "涉及军队和国家安全",
    "duplicate": "正在办理或已办结的重复事项",
    "unlawful_abusive": "违法违规、恶意攻击、骚扰或无实质内容",
    "not_answerable": "内容空泛或不具备答复条件",
    "no_identity": "未提供真实身份或无法联系留言人",
    "private_dispute": "商业纠纷或个人之间纠纷",
    "other": "其他不予受理的事项",
}

# What a reviewer may find wrong with an answer besides its lateness; each document names some of
# them as grounds for its ladder (Tongliao 第十九条, Naiman 第十八条, Yuncheng 五(四), Chizhou 第九条(四)).
QUALITY_FAULTS = {
    "off_topic": "答非所问",
    "perfunctory": "敷衍塞责",
    "buck_passing": "推诿扯皮",
    "light_action": "重答轻办",
    "poor_result": "办理质量不高、效果不好",
}
