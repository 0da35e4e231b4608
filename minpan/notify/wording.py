"""Default Chinese wording for each kind of notification; the admin may override it (Template rows)."""
from .models import Kind

DEFAULTS: dict[str, tuple[str, str]] = {
    Kind.REMIND: (
        "【到期提醒】{{ case.reg_no }} 将于 {{ due }} 到期",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）的办理期限为 {{ due }}，请在期限前报送答复意见。",
    ),
    Kind.URGE: (
        "【催办】{{ case.reg_no }} 已超过办理期限",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）的办理期限 {{ due }} 已过"
        "{% if overdue_days %}（已逾期 {{ overdue_days }} 个工作日）{% endif %}，"
        "请立即办理并报送答复意见，不能按期办结的请说明理由。{% if letter %}随附《{{ letter }}》。{% endif %}",
    ),
    Kind.SUPERVISE: (
        "【督办】{{ case.reg_no }} 逾期 {{ overdue_days }} 个工作日",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）已逾期 {{ overdue_days }} 个工作日，现予督办，请主要负责同志督促落实。"
        "{% if letter %}随附《{{ letter }}》。{% endif %}{% if on_site %}该件为领导批示事项，督查室将安排实地督查。{% endif %}",
    ),
    Kind.TRANSFER: (
        "【移交拟稿】{{ case.reg_no }} 催办、督办无果",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}，承办单位：{{ unit }}）经催办、督办仍未办理，"
        "已逾期 {{ overdue_days }} 个工作日。已拟制《{{ letter }}》，请审定是否移交{{ transfer_to }}。",
    ),
    Kind.CRITICISE: (
        "【通报批评拟稿】{{ unit }} {{ case.reg_no }}",
        "{{ unit }} 办理网民留言《{{ case.subject }}》（{{ case.reg_no }}）已逾期 {{ overdue_days }} 个工作日且未说明理由。"
        "已拟制《{{ letter }}》，请领导审批后印发。",
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
    # hand-offs ("Your turn."): the next person on a case; {{ case.subject }} is the one units read
    Kind.DISPATCHED: (
        "【新交办】{{ case.reg_no }} 请认领办理",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）已交由本单位牵头办理"
        "{% if due %}，办理期限 {{ due }}{% endif %}。{% if co_names %}配合单位：{{ co_names }}。{% endif %}"
        "{% if instructions %}交办意见：{{ instructions }}。{% endif %}请及时认领办理。",
    ),
    Kind.CO_REQUESTED: (
        "【请配合】{{ case.reg_no }} 请提出配合意见",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）由{{ lead }}牵头办理，请本单位配合。"
        "{% if instructions %}请本单位：{{ instructions }}。{% endif %}请及时提出配合意见，由牵头单位统一答复。",
    ),
    Kind.TO_SIGN: (
        "【待审签】{{ case.reg_no }} 答复待您审签",
        "{{ unit }}已拟写网民留言《{{ case.subject }}》（{{ case.reg_no }}）的答复（第 {{ version }} 稿），"
        "请审签{% if seal %}并加盖单位公章{% endif %}{% if due %}，办理期限 {{ due }}{% endif %}。",
    ),
    Kind.SIGNED: (
        "【已审签】{{ case.reg_no }} 答复可以报送",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}）的答复已经单位领导审签，请报送中心审核{% if due %}（办理期限 {{ due }}）{% endif %}。",
    ),
    Kind.DRAFT_RETURNED: (
        "【退回修改】{{ case.reg_no }} 答复未通过审签",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}）的答复{% if version %}（第 {{ version }} 稿）{% endif %}经单位领导退回修改。"
        "{% if reason %}修改意见：{{ reason }}。{% endif %}请修改后重新提交审签{% if due %}，办理期限 {{ due }}{% endif %}。",
    ),
    Kind.TO_REVIEW: (
        "【待审核】{{ case.reg_no }} {{ unit }}已报送答复",
        "{{ unit }}已报送网民留言《{{ case.subject }}》（{{ case.reg_no }}）的答复，请审核。",
    ),
    Kind.SENT_BACK: (
        "【退回重办】{{ case.reg_no }} 答复经审核退回",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}）的答复经中心审核退回重办。退回理由：{{ reason }}。"
        "办理期限不变{% if due %}（{{ due }}）{% endif %}，请重新办理后报送。",
    ),
    Kind.TO_PUBLISH: (
        "【待发布】{{ case.reg_no }} 答复已审核通过",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}{% if unit %}，承办单位：{{ unit }}{% endif %}）的答复已审核通过，请发布"
        "{% if places %}（公开答复发布到：{{ places }}）{% endif %}"
        "{% if due %}；按规定须当日公开答复，即 {{ due }} 前{% endif %}。",
    ),
    Kind.TO_APPROVE: (
        "【待审定】{{ case.reg_no }} 答复已整理，报{{ title }}审定",
        "{{ unit }}办理的网民留言《{{ case.subject }}》（{{ case.reg_no }}）的答复已经审核员整理，报{{ title }}审定。"
        "请在留言页审定通过，或写明意见退回重新整理{% if due %}（办理期限 {{ due }}）{% endif %}。",
    ),
    Kind.PREPARED_RETURNED: (
        "【审定退回】{{ case.reg_no }} 答复请重新整理",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}{% if unit %}，承办单位：{{ unit }}{% endif %}）整理报审的答复，"
        "{{ title }}退回重新整理。意见：{{ reason }}。请重新整理后报审，或退回承办单位重办。",
    ),
    Kind.RETURNED: (
        "【退办】{{ case.reg_no }} {{ unit }}退回，待重新交办",
        "{{ unit }}退回网民留言《{{ case.subject }}》（{{ case.reg_no }}）。退办原因：{{ reason }}。"
        "{% if basis %}依据：{{ basis }}。{% endif %}请核实后重新交办。",
    ),
    Kind.EXTENSION_ASKED: (
        "【延期申请】{{ case.reg_no }} {{ unit }}申请延期 {{ days }} 个工作日",
        "{{ unit }}就网民留言《{{ case.subject }}》（{{ case.reg_no }}）申请延期 {{ days }} 个工作日"
        "{% if promised %}，承诺于 {{ promised }} 前办结{% endif %}。理由：{{ reason }}。"
        "{% if due %}现办理期限 {{ due }}，{% endif %}请审批。",
    ),
    Kind.EXTENSION_DECIDED: (
        "【延期申请{{ decision }}】{{ case.reg_no }}",
        "本单位就网民留言《{{ case.subject }}》（{{ case.reg_no }}）提出的延期 {{ days }} 个工作日的申请，{{ by|default:'中心' }}{{ decision }}。"
        "{% if note %}意见：{{ note }}。{% endif %}{% if due %}办理期限：{{ due }}。{% endif %}",
    ),
    Kind.INSTRUCTED: (
        "【领导批示】{{ case.reg_no }} 请主要负责同志阅办",
        "{% if leader_name %}{{ leader_name }}{% else %}市领导{% endif %}对网民留言《{{ case.subject }}》（{{ case.reg_no }}）作出批示：{{ text }}"
        "。该件已列为督办事项，请主要负责同志督促办理{% if due %}，办理期限 {{ due }}{% endif %}，办理结果将报批示领导。",
    ),
    Kind.INSTRUCTION_DONE: (
        "【批示件已答复】{{ case.reg_no }}",
        "您批示的网民留言《{{ case.subject }}》（{{ case.reg_no }}）已由{{ unit }}办理，答复已于 {{ published }} 发布。",
    ),
    Kind.ON_SITE_DUE: (
        "【待实地督查】{{ case.reg_no }} 领导批示件",
        "{% if leader_name %}{{ leader_name }}{% else %}市领导{% endif %}对网民留言《{{ case.subject }}》（{{ case.reg_no }}"
        "{% if unit %}，承办单位：{{ unit }}{% endif %}）作出批示：{{ text }}。请安排人员实地督查、会商研究，"
        "并在留言页记录督查情况。",
    ),
    Kind.LEGAL_REVIEW_ASKED: (
        "【须法制审核】{{ case.reg_no }}",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）的办理结果须进行法制审核"
        "{% if reason %}（{{ reason }}）{% endif %}。答复拟好后，请单位领导在留言页记录法制审核的审核人、结论和意见，经办人方可报送。",
    ),
    Kind.BULLETIN_DRAFTED: (
        "【通报草稿】{{ title }}",
        "{{ period }}已结束，系统已按统计数据拟出《{{ title }}》草稿，请在“通报”页面核改后报送签批。",
    ),
    Kind.BULLETIN_TO_SIGN: (
        "【通报待签批】{{ title }}",
        "中心已拟制《{{ title }}》，请在“通报”页面审阅后签发，或写明理由退回修改。",
    ),
    Kind.BULLETIN_RETURNED: (
        "【通报退回修改】{{ title }}",
        "《{{ title }}》已被退回修改，理由：{{ reason }}。请在“通报”页面修改后重新报送签批。",
    ),
    Kind.BULLETIN_ISSUED: (
        "【通报】{{ number }} {{ title }}",
        "{{ unit }}：《{{ title }}》（{{ number }}）已签发，本单位被{{ how }}。请在“通报”页面查阅通报全文和所列留言编号"
        "{% if '批评' in how %}，认真整改{% endif %}。",
    ),
    Kind.REPORTED: (
        "【一事一报】{{ case.reg_no }} 呈请批示",
        "市政府办公室呈报网民留言《{{ case.subject }}》（{{ case.reg_no }}{% if unit %}，承办单位：{{ unit }}{% endif %}），"
        "事由：{{ grounds }}。{{ reason }}。请作出批示或协调部署。",
    ),
    Kind.CENTER_URGED: (
        "【中心催办】{{ case.reg_no }} 请加快办理",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）{% if due %}的办理期限为 {{ due }}，{% endif %}"
        "中心现予催办，请加快办理并按期报送答复。{% if reason %}催办意见：{{ reason }}。{% endif %}",
    ),
    Kind.RECALLED: (
        "【交办{% if reassigned %}改派{% else %}撤回{% endif %}】{{ case.reg_no }} 本单位无需继续办理",
        "{{ unit }}：网民留言《{{ case.subject }}》（{{ case.reg_no }}）已由中心{% if reassigned %}改派其他单位办理{% else %}撤回交办{% endif %}，"
        "本单位无需继续办理。{% if reason %}原因：{{ reason }}。{% endif %}",
    ),
    Kind.DISPUTE_ACCEPTED: (
        "【派单异议成立】{{ case.reg_no }} 已改由{{ lead }}办理",
        "{{ unit }}：本单位对网民留言《{{ case.subject }}》（{{ case.reg_no }}）的退办异议"
        "{% if matter_name %}（派单目录事项“{{ matter_name }}”，编码 {{ code }}）{% elif code %}（派单目录事项编码 {{ code }}）{% endif %}"
        "经中心审核成立，已交办{{ lead }}办理，本单位无需继续办理。审核意见：{{ reason }}。"
        "{% if new_version %}派单目录已同时修订（第{{ new_version }}版）。{% endif %}",
    ),
    Kind.FOLLOW_UP: (
        "【网民追问】{{ case.reg_no }} 留言人对答复不满意并追问",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}{% if unit %}，承办单位：{{ unit }}{% endif %}）的留言人评价答复不满意，"
        "并提出追问，请在留言页查看并研究处理。",
    ),
    Kind.CO_INPUT_GIVEN: (
        "【配合意见】{{ case.reg_no }} {{ co_unit }}已提交配合意见",
        "{{ co_unit }}已就网民留言《{{ case.subject }}》（{{ case.reg_no }}）提交配合意见，请在留言页查看，"
        "由{{ unit }}统一答复{% if due %}（办理期限 {{ due }}）{% endif %}。",
    ),
    Kind.QUALITY_FAULT: (
        "【{{ step }}】{{ case.reg_no }} 答复{{ fault }}",
        "{{ unit }}办理的网民留言《{{ case.subject }}》（{{ case.reg_no }}）的答复经审核认定为{{ fault }}，已退回重办，"
        "现启动{{ step }}程序。{% if letter %}{% if draft %}已拟制《{{ letter }}》，请领导审批后印发。{% else %}随附《{{ letter }}》。{% endif %}{% endif %}",
    ),
    Kind.PUBLISH_LATE: (
        "【发布逾期】{{ case.reg_no }} 审核通过的答复尚未公开",
        "网民留言《{{ case.subject }}》（{{ case.reg_no }}{% if unit %}，承办单位：{{ unit }}{% endif %}）的答复已审核通过，"
        "按规定应于 {{ due }} 前在网站公开答复，至今尚未发布，请立即发布。",
    ),
    Kind.CALENDAR_MISSING: (
        "【请载入】{{ count }} 年国务院节假日安排尚未载入",
        "{{ count }} 年的国务院节假日安排尚未载入，跨入该年的办理期限暂按周末计算，可能不准确。"
        "国务院办公厅通知发布后，请用 minpan calendar import 载入；载入后在办留言的期限将自动重算。",
    ),
    Kind.KNOWLEDGE_EXPIRING: (
        "【知识库】{{ title }}{% if expired %}已过有效期{% else %}将于 {{ until }} 到期{% endif %}",
        "{{ unit }}负责的知识库条目《{{ title }}》"
        "{% if expired %}已于 {{ until }} 过期，已不再向受理员推荐{% else %}有效期至 {{ until }}，到期后将不再向受理员推荐{% endif %}。"
        "请核对所依据的政策文件是否仍然有效，在工作台“知识库”中更新有效期或答复口径，经中心审核后继续使用。",
    ),
    Kind.HARD_CASE_ASKED: (
        "【解释答复待同意】{{ case.reg_no }} {{ unit }}申请",
        "{{ unit }}称网民留言《{{ case.subject }}》（{{ case.reg_no }}）情况特殊、难以办结，申请经交办单位同意后向网民做好解释工作"
        "{% if reason %}，理由：{{ reason }}{% endif %}。请在留言页同意或不同意。",
    ),
    Kind.HARD_CASE_DECIDED: (
        "【解释答复{{ decision }}】{{ case.reg_no }}",
        "本单位就网民留言《{{ case.subject }}》（{{ case.reg_no }}）提出的解释答复申请，交办单位{{ decision }}。"
        "{% if reason %}意见：{{ reason }}。{% endif %}"
        "{% if agreed %}答复可为向网民所作的解释说明。{% else %}答复仍须写明办理结果或依据。{% endif %}"
        "{% if due %}办理期限：{{ due }}。{% endif %}",
    ),
    Kind.COORDINATED: (
        "【专题协调会议】{{ case.reg_no }} 限 {{ limit }} 前办结",
        "{{ unit }}：{{ held_on }}召开的专题协调会议确定网民留言《{{ case.subject }}》（{{ case.reg_no }}）"
        "由{{ lead }}牵头办理{% if others %}，{{ others }}为责任单位{% endif %}，限 {{ limit }} 前办结"
        "（办理期限：{{ due }}）。本单位为{{ part }}，请按会议纪要明确的职责抓紧办理。",
    ),
    Kind.NOTED: (
        "【内部批注】{{ case.reg_no }} {{ author }}",
        "{{ author }}在网民留言《{{ case.subject }}》（{{ case.reg_no }}）上批注：{{ text }}。批注仅办理人员可见。",
    ),
}
