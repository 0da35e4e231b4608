"""Default Chinese wording for each kind of notification; the admin may override it (Template rows)."""
from .models import Kind

DEFAULTS: dict[str, tuple[str, str]] = {
    Kind.REMIND: (
        "【到期提醒】{{ case.reg_no }} 将于 {{ due }} 到期",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）的办理期限为 {{ due }}，请在期限前报送答复意见。",
    ),
    Kind.URGE: (
        "【催办】{{ case.reg_no }} 已超过办理期限",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）的办理期限 {{ due }} 已过{% if overdue_days %}（已逾期 {{ overdue_days }} 个工作日）{% endif %}，请立即办理并报送答复意见，不能按期办结的请说明理由。{% if letter %}随附《{{ letter }}》。{% endif %}",
    ),
    Kind.SUPERVISE: (
        "【督办】{{ case.reg_no }} 逾期 {{ overdue_days }} 个工作日",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）已逾期 {{ overdue_days }} 个工作日，现予督办，请主要负责同志督促落实。{% if letter %}随附《{{ letter }}》。{% endif %}{% if on_site %}该件为领导批示事项，督查室将安排实地督查。{% endif %}",
    ),
    Kind.TRANSFER: (
        "【移交拟稿】{{ case.reg_no }} 催办、督办无果",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}，承办单位：{{ unit }}）经催办、督办仍未办理，已逾期 {{ overdue_days }} 个工作日。已拟制《{{ letter }}》，请审定是否移交{{ transfer_to }}。",
    ),
    Kind.CRITICISE: (
        "【通报批评拟稿】{{ unit }} {{ case.reg_no }}",
        "{{ unit }} 办理网民留言《{{ case.subject }}》（{{ case.reg_no }}）已逾期 {{ overdue_days }} 个工作日且未说明理由。已拟制《{{ letter }}》，请领导审批后印发。",
    ),
    Kind.ACCOUNT: (
        "【问责提示】{{ case.reg_no }} 逾期 {{ overdue_days }} 个工作日",
        "{{ unit }} 办理网民留言《{{ case.subject }}》（{{ case.reg_no }}）经督办仍逾期 {{ overdue_days }} 个工作日，请按程序研究追究责任。",
    ),
    Kind.NUDGE_EXTENSION: (
        "【待审批】{{ case.reg_no }} 的延期申请已等待超过 1 个工作日",
        "{{ unit }} 就网民留言《{{ case.subject }}》（{{ case.reg_no }}）提出的延期申请尚未审批，请尽快处理。",
    ),
    Kind.NUDGE_RETURN: (
        "【待交办】{{ case.reg_no }} 退办后已等待超过 1 个工作日",
        "{{ unit }} 退回的网民留言《{{ case.subject }}》（{{ case.reg_no }}）尚未重新交办，请尽快处理。",
    ),
    Kind.ALARM_UNANSWERED: (
        "【预警】{{ case.reg_no }} 收到已超过 60 天仍未答复",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}）收到已超过 60 天仍未答复。政府网站检查中，有效留言超过 3 个月未答复即为单项否决，请立即督促办理。",
    ),
    Kind.ALARM_NO_REPLY: (
        "【预警】网站已 {{ count }} 天未发布留言答复",
        "本网站已有 {{ count }} 天未公开发布网民留言答复。政府网站检查中，超过 2 个月未发布答复将被扣分，请尽快发布已办结的答复。",
    ),
    Kind.SUPERVISED: (
        "【领导批示】{{ case.reg_no }} 列为督办事项",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}）已有领导批示，列为督办事项，请加强跟踪。{% if on_site %}请安排实地督查、会商研究。{% endif %}",
    ),
    Kind.DELIVERY_FAILED: (
        "【发送失败】通知未能送达 {{ address }}",
        "通知《{{ title }}》经 {{ attempts }} 次尝试仍未能通过{{ channel }}送达 {{ address }}（{{ error }}）。站内通知已送达，请核对联系方式或短信网关配置。",
    ),
}
