"""常用答复 for the demo: the center's texts for everyone, a few of two departments' own, and the
standard 不予受理 explanations, each with the channel it suggests. Found by kind and title, so
loading twice creates nothing new. Every name and number is invented, as in texts.py."""
from __future__ import annotations

from minpan.desk.models import ReplyTemplate, TemplateKind

from .city import City

# (unit code or None for everyone, title, body)
REPLIES: tuple[tuple[str | None, str, str], ...] = (
    (None, "通用：已办结", "您好！您反映的问题已收悉。经我单位核实，{具体情况}。目前该问题已处理完毕，处理结果为：{处理结果}。"
     "如有疑问，可拨打{联系电话}咨询。感谢您对我市工作的关心和支持！"),
    (None, "通用：正在办理", "您好！您反映的问题已收悉。经核实，{具体情况}。我单位已制定处理方案，预计于{日期}前办结，"
     "届时将电话告知您办理结果。感谢您的理解与监督！"),
    (None, "通用：政策解答", "您好！关于您咨询的{事项}，根据《{文件名称}》第{条款}规定：{条文要点}。"
     "您可携带{所需材料}到{办理地点}办理。如需进一步了解，请拨打{联系电话}。"),
    (None, "通用：诉求暂不能解决", "您好！您反映的问题已收悉。经调查，{具体情况}。受{客观原因}限制，该问题暂时无法解决，"
     "我单位已将其列入{计划名称}，条件具备后优先安排。感谢您的理解！"),
    (None, "通用：已转相关单位", "您好！经核实，您反映的{事项}属{单位名称}职责范围，我单位已于{日期}函告该单位，"
     "并协助其跟进办理。您也可直接联系该单位（电话{联系电话}）了解进展。"),
    ("zhujian", "住建局：物业维修", "您好！您反映的小区{部位}维修问题，我局已责成{物业公司}于{日期}前完成维修，"
     "并由{街道}社区跟踪落实。如物业未按期维修，请拨打物业监管电话{联系电话}。"),
    ("zhujian", "住建局：供暖不达标", "您好！接到您的反映后，我局供热办于{日期}入户测温，室温为{温度}℃。"
     "已要求{供热企业}排查管网并调整供热参数，复测达标后告知您。"),
    ("jiaoyu", "教育局：招生入学", "您好！根据《示范市{年份}年义务教育招生工作方案》，{学区}适龄儿童入学以户籍和房产为依据，"
     "具体入学条件及材料请登录市教育局网站“招生专栏”查询，或咨询{学校}招生办（电话{联系电话}）。"),
    ("jiaoyu", "教育局：校外培训", "您好！您反映的{机构名称}问题，我局已会同市场监管部门于{日期}进行检查，"
     "已责令其{整改要求}。退费问题请保留合同和付款凭证，向{受理部门}申请调解。"),
)

# (reason, title, body); the body is the explanation, the suggested channel is inside it
NOT_ACCEPTED: tuple[tuple[str, str, str], ...] = (
    ("legal_process", "已进入法定程序", "您反映的事项已进入司法（仲裁、行政复议、信访）程序，按规定不作为网民留言受理，"
     "请通过原程序依法主张权利，或向受理机关了解办理进展。"),
    ("out_of_scope", "超出行政管理范围", "您反映的事项不属于本级政府行政管理范围，按规定不予受理。"
     "建议向{有权处理的机关}反映，或拨打 12345 政务服务便民热线咨询。"),
    ("private_dispute", "民事纠纷", "您反映的事项属于平等主体之间的民事纠纷，建议双方协商解决，"
     "或向所在社区人民调解委员会申请调解，也可依法向人民法院提起诉讼。"),
    ("duplicate", "重复留言", "您反映的事项与您此前的留言为同一事项，正在办理（或已办结答复），不再重复受理。"
     "请凭原查询码查看办理进展和答复。"),
    ("not_answerable", "内容不具体", "您的留言未说明具体地点、时间和诉求，承办单位无法核实办理。"
     "欢迎补充具体情况后重新留言。"),
    ("unlawful_abusive", "含辱骂内容", "您的留言含有辱骂、人身攻击等内容，按规定不予受理。"
     "欢迎您文明、理性地重新反映诉求。"),
)


def load_canned(city: City) -> int:
    """Create the demo's canned texts that are missing; returns how many were created."""
    made = 0
    for code, title, body in REPLIES:
        unit = city.units[code] if code else None
        _, created = ReplyTemplate.objects.get_or_create(
            kind=TemplateKind.REPLY, title=title, defaults={"unit": unit, "body": body})
        made += created
    for reason, title, body in NOT_ACCEPTED:
        _, created = ReplyTemplate.objects.get_or_create(
            kind=TemplateKind.NOT_ACCEPTED, title=title, defaults={"reason": reason, "body": body})
        made += created
    return made
