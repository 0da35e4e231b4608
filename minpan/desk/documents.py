"""The paper forms the documents name, built once as data and rendered as A4 HTML or DOCX, laid out
as GB/T 9704 lays out official documents (page, margins, fonts: `gbt9704_document`).

承办单（转办卡）, 延长办理卡, 退件说明, 催办通知书, 督办通知, 网民留言回复情况表, 专题协调会议纪要.
The writer's identity appears only for those who may see it, and a unit reads the text as units
read it (cases.access.sight): masked where the identity is withheld from units. People are named
by their unit and name (`_person`), never by their login name.
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils import timezone
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from minpan.cases.access import sight
from minpan.cases.models import Citizen
from minpan.cases.states import Action
from minpan.policies.active import policy_named
from minpan.units.models import Level, Membership, Unit
from minpan.workdays import arith
from minpan.workdays.arith import deadline_text
from minpan.workdays.service import calendar_around

from .clock import Clock

TITLES = {
    "assignment": "承办单（转办卡）",
    "extension": "延长办理卡",
    "return_note": "退件说明",
    "overdue_notice": "催办通知书",
    "supervision": "督办通知",
    "reply_sheet": "网民留言回复情况表",
    "meeting": "专题协调会议纪要",
}


@dataclass
class Doc:
    kind: str
    title: str
    number: str
    to: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    sign: list[tuple[str, str]] = field(default_factory=list)


def available(case, *, assignments, extensions, replies, events, overdue: bool, meetings=()) -> list[tuple[str, str]]:
    kinds = []
    if case.lead_unit_id or assignments:
        kinds.append("assignment")
    if extensions:
        kinds.append("extension")
    if any(a.returned_at for a in assignments):
        kinds.append("return_note")
    if overdue and case.lead_unit_id:
        kinds.append("overdue_notice")
    if case.supervised or any(e.action == Action.INSTRUCT for e in events):
        kinds.append("supervision")
    if replies:
        kinds.append("reply_sheet")
    if meetings:
        kinds.append("meeting")
    return [(k, TITLES[k]) for k in kinds]


def _t(moment) -> str:
    return timezone.localtime(moment).strftime("%Y年%m月%d日 %H:%M") if moment else ""


def _d(moment) -> str:
    return timezone.localtime(moment).strftime("%Y年%m月%d日") if moment else ""


def _due(moment) -> str:
    # A deadline is 24:00 of its day: shown as that day, not as 00:00 of the next.
    return deadline_text(moment) if moment else "未计时"


def _person(user, unit: Unit | None = None) -> str:
    """Who asked, decided or signed, as a paper form names them: their unit and name (their post
    where no name is on file), never the login name."""
    if user is None:
        return ""
    posts = Membership.objects.filter(user=user).select_related("unit").order_by("pk")
    post = (posts.filter(unit=unit).first() if unit is not None else None) or posts.first()
    name = user.get_full_name().strip() or (post.get_role_display() if post else "")
    where = unit.name if unit is not None else (post.unit.name if post else "")
    return " ".join(part for part in (where, name) if part)


# Where a round of handling starts and stops, as cases.effects writes them (改派 and 撤回交办 by
# their values: they come with the hand-offs of issue 12, which land apart from this module)
ROUND_STARTS = frozenset({Action.DISPATCH, "reassign", Action.ACCEPT_DISPUTE, Action.REJECT_DISPUTE})
ROUND_ENDS = frozenset({Action.RETURN, "recall", Action.REOPEN})


def _due_from_events(case, policy, *, before_seq: int | None = None) -> dt.datetime | None:
    """The deadline the case had after its events (those before `before_seq`), read from the record
    as cases.deadlines.recompute counts it: the round's clock starts at the dispatch (or the claim,
    as the policy says), each approved extension adds its days, a return, recall or reopening stops
    it. For what the columns no longer hold: a closed case's deadline, the one before an extension."""
    start: dt.datetime | None = None
    extra = 0
    events = case.events.order_by("seq").only("seq", "action", "at", "data")
    if before_seq is not None:
        events = events.filter(seq__lt=before_seq)
    for e in events:
        if e.action in ROUND_STARTS:
            start, extra = (e.at if policy.clock_start == "receipt" else None), 0
        elif e.action == Action.CLAIM and policy.clock_start == "claim":
            start = e.at
        elif e.action == Action.APPROVE_EXTENSION:
            extra += int(e.data.get("days") or 0)
        elif e.action in ROUND_ENDS:
            start, extra = None, 0
    if start is None:
        return None
    day, days = arith.local_date(start), policy.answer_working_days + extra
    return arith.end_of_day(calendar_around(day, days).add(day, days))


def _center_name() -> str:
    unit = Unit.objects.filter(level=Level.CENTER).order_by("path").first()
    return unit.name if unit else "受理中心"


def _message_rows(f: Facts) -> list[tuple[str, str]]:
    case = f.case
    rows = [("登记编号", case.reference), ("来源渠道", case.get_channel_display()), ("收到时间", _t(case.received_at)),
            ("留言标题", f.subject), ("留言类型", case.get_msg_type_display()), ("领域", case.get_domain_display()),
            ("缓急程度", case.get_urgency_display())]
    if f.identity:
        citizen = Citizen.objects.filter(case=case).first()
        if citizen:
            rows += [("留言人", citizen.name), ("联系电话", citizen.phone)]
    else:
        rows.append(("留言人", "（按规定对承办单位隐去）"))
    rows.append(("留言内容", f.body))
    return rows


@dataclass
class Facts:
    """What every document of one case may state, read once; each builder takes what it needs."""

    case: Any
    policy: Any
    subject: str
    body: str
    identity: bool  # whether the reader may see the writer's name and phone
    lead: Any
    co: list[str]
    center: str
    today: str
    had_due: str  # a closed case keeps no deadline column; its forms show the deadline it had


def _facts(case, user) -> Facts:
    policy = policy_named(case.policy_name)
    seen = sight(user, case)
    return Facts(
        case=case, policy=policy, subject=seen.subject(case), body=seen.body(case), identity=seen.identity,
        lead=case.assignments.filter(active=True, role="lead").select_related("unit").first(),
        co=[a.unit.name for a in case.assignments.filter(active=True, role="co").select_related("unit")],
        center=_center_name(), today=_d(timezone.now()),
        had_due=_due(case.due_at or _due_from_events(case, policy)),
    )


def build(kind: str, case, user) -> Doc:
    if kind not in BUILDERS:
        raise Http404("没有这种文书")
    doc = Doc(kind=kind, title=TITLES[kind], number=case.reference)
    BUILDERS[kind](_facts(case, user), doc)
    return doc


def _assignment(f: Facts, doc: Doc) -> None:
    policy, lead, co, center, had_due = f.policy, f.lead, f.co, f.center, f.had_due
    if lead is None:
        raise Http404("尚未交办")
    doc.to = lead.unit.name
    doc.rows = _message_rows(f) + [
        ("牵头单位", lead.unit.name), ("配合单位", "、".join(co) or "无"), ("交办时间", _t(lead.dispatched_at)),
        ("交办意见", lead.instructions or "无"),
        ("办理期限", had_due),
    ]
    doc.paragraphs = [
        f"请按《{policy.document}》的规定，自收到本单之日起 {policy.answer_working_days} 个工作日内办结，"
        "经本单位审签后报送答复意见。不属于本单位职责的，请按规定时限书面退回并说明理由。",
    ]
    doc.sign = [("交办单位", center), ("日期", _d(lead.dispatched_at))]


def _extension(f: Facts, doc: Doc) -> None:
    case, policy, subject, center = f.case, f.policy, f.subject, f.center
    req = case.extensions.select_related("unit", "requested_by", "decided_by").order_by("-requested_at").first()
    if req is None:
        raise Http404("没有延期申请")
    doc.to = center
    # 原办理期限 is the deadline the request asked to extend: once approved, the one before the approval
    approval = None
    if req.decided_at is not None and req.state == "approved":
        approval = case.events.filter(action=Action.APPROVE_EXTENSION, at=req.decided_at).order_by("seq").first()
    if approval is not None:
        before, after = _due_from_events(case, policy, before_seq=approval.seq), _due_from_events(case, policy, before_seq=approval.seq + 1)
    else:
        before, after = case.due_at or _due_from_events(case, policy), None
    doc.rows = [("登记编号", case.reference), ("留言标题", subject), ("承办单位", req.unit.name),
                ("原办理期限", _due(before)), ("申请延长", f"{req.days} 个工作日"),
                *([("延长后办理期限", _due(after))] if after else []),
                ("承诺办结日期", req.promised_date.strftime("%Y年%m月%d日") if req.promised_date else ""),
                ("延期理由", req.reason), ("延期依据", req.basis), ("申请人", _person(req.requested_by, req.unit)),
                ("申请时间", _t(req.requested_at)), ("审批结果", req.get_state_display()),
                ("审批意见", req.decision_note), ("审批人", _person(req.decided_by)),
                ("审批时间", _t(req.decided_at))]
    doc.sign = [("申请单位（盖章）", req.unit.name), ("分管领导签字", "")]


def _return_note(f: Facts, doc: Doc) -> None:
    case, subject, center = f.case, f.subject, f.center
    back = case.assignments.filter(returned_at__isnull=False).select_related("unit", "return_signed_by").order_by("-returned_at").first()
    if back is None:
        raise Http404("没有退办记录")
    doc.to = center
    doc.rows = [("登记编号", case.reference), ("留言标题", subject), ("退办单位", back.unit.name),
                ("收到时间", _t(back.dispatched_at)), ("退办时间", _t(back.returned_at)),
                ("退办原因", back.return_reason), ("退办依据", back.return_basis or "")]
    doc.sign = [("签字领导", _person(back.return_signed_by, back.unit)),
                ("退办单位（盖章）", back.unit.name)]


def _overdue_notice(f: Facts, doc: Doc) -> None:
    case, policy, subject, lead, center, today = f.case, f.policy, f.subject, f.lead, f.center, f.today
    if lead is None or case.due_at is None:
        raise Http404("没有办理期限")
    left = Clock().days_left(case.due_at)
    overdue = -left if left is not None and left < 0 else 0
    doc.to = lead.unit.name
    doc.rows = [("登记编号", case.reference), ("留言标题", subject), ("交办时间", _t(lead.dispatched_at)),
                ("办理期限", _due(case.due_at)), ("逾期", f"{overdue} 个工作日")]
    doc.paragraphs = [
        f"{lead.unit.name}：上述网民留言已超过办理期限，至今未报送答复意见。"
        f"根据《{policy.document}》，请于收到本通知后立即办理，尽快报送答复；确有特殊原因的，请书面说明逾期理由。",
    ]
    doc.sign = [("发文单位", center), ("日期", today)]


def _supervision(f: Facts, doc: Doc) -> None:
    case, subject, lead, co, today, had_due = f.case, f.subject, f.lead, f.co, f.today, f.had_due
    orders = [e for e in case.events.filter(action=Action.INSTRUCT).order_by("seq")]
    doc.to = lead.unit.name if lead else "有关单位"
    doc.rows = [("登记编号", case.reference), ("留言标题", subject), ("牵头单位", lead.unit.name if lead else ""),
                ("配合单位", "、".join(co) or "无"), ("办理期限", had_due), ("当前状态", case.get_state_display())]
    for e in orders:
        who = e.data.get("leader_name") or e.actor_name or _person(e.actor, e.unit)
        doc.rows.append((f"领导批示（{_d(e.at)}）", f"{e.data.get('text', '')}　——{who}"))
    doc.paragraphs = [
        "该件已列为督办事项。请承办单位主要负责同志亲自过问，按领导批示要求认真办理，"
        "于办理期限内将办理结果书面报送，并抄报市政府督查室。",
    ]
    doc.sign = [("督办单位", "市人民政府办公室（督查室）"), ("日期", today)]


def _reply_sheet(f: Facts, doc: Doc) -> None:
    case, subject, body, center, today = f.case, f.subject, f.body, f.center, f.today
    reply = case.replies.select_related("unit", "signed_by").order_by("-version").first()
    if reply is None:
        raise Http404("尚无答复")
    doc.rows = [("留言时间", _t(case.received_at)), ("留言标题", subject), ("留言内容", body),
                ("承办单位", reply.unit.name if reply.unit else center), ("答复内容", reply.body),
                ("答复时间", _t(case.answered_at or reply.signed_at or reply.drafted_at)),
                ("经办人", reply.handler_name), ("联系电话", reply.handler_phone),
                ("审签领导", _person(reply.signed_by, reply.unit)),
                ("加盖公章", "是" if reply.sealed else "否"),
                ("答复方式", case.get_publish_mode_display() or "待定")]
    doc.sign = [("填报单位（盖章）", reply.unit.name if reply.unit else center), ("填报日期", today)]


def _meeting(f: Facts, doc: Doc) -> None:
    """Yuncheng 五(二): the latest 专题协调会议 on the case, with the units and the limit it fixed."""
    meeting = f.case.meetings.select_related("lead", "recorded_by").prefetch_related("units").order_by("-recorded_at").first()
    if meeting is None:
        raise Http404("没有专题协调会议")
    units = "、".join(u.name for u in meeting.units.all()) or "无"
    limit = meeting.due_on.strftime("%Y年%m月%d日")
    doc.to = "、".join([meeting.lead.name, *(u.name for u in meeting.units.all())])
    doc.rows = [("登记编号", f.case.reference), ("留言标题", f.subject), ("会议日期", meeting.held_on.strftime("%Y年%m月%d日")),
                ("会议地点", meeting.place), ("参会单位和人员", meeting.attendees), ("牵头单位", meeting.lead.name),
                ("责任单位", units), ("限期办结", limit), ("会议纪要", meeting.minutes),
                ("记录人", _person(meeting.recorded_by)), ("记录时间", _t(meeting.recorded_at))]
    others = f"，{units}为责任单位" if meeting.units.exists() else ""
    doc.paragraphs = [
        f"经专题协调会议研究，明确由{meeting.lead.name}牵头办理{others}，限 {limit} 前办结。"
        "请各单位按会议纪要明确的职责抓紧办理，由牵头单位按期报送答复意见。",
    ]
    doc.sign = [("召集单位", f.center), ("日期", meeting.held_on.strftime("%Y年%m月%d日"))]


BUILDERS: dict[str, Callable[[Facts, Doc], None]] = {
    "assignment": _assignment,
    "extension": _extension,
    "return_note": _return_note,
    "overdue_notice": _overdue_notice,
    "supervision": _supervision,
    "reply_sheet": _reply_sheet,
    "meeting": _meeting,
}


# GB/T 9704-2012 (党政机关公文格式): A4; 天头 37 mm, 订口 28 mm, a type area of 156 × 225 mm;
# the body in 3号仿宋 (16 pt), the title in 2号小标宋 (22 pt). Fonts are named, never embedded:
# Word and WPS use the office's own (黑体 where 小标宋 is missing is the usual substitute).
BODY_FONT, TITLE_FONT, LATIN_FONT = "仿宋_GB2312", "方正小标宋简体", "Times New Roman"
BODY_PT, TITLE_PT = 16, 22
LINE_PT = 28.95  # 22 lines to the 225 mm type area


def set_font(target, name: str, size: float, *, bold: bool | None = None) -> None:
    """A style's or a run's font, Chinese included (w:eastAsia, which font.name alone leaves out)."""
    target.font.name, target.font.size = LATIN_FONT, Pt(size)
    if bold is not None:
        target.font.bold = bold
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def gbt9704_document() -> DocxDocument:
    """An empty DOCX on A4 with GB/T 9704's margins and body font; every DOCX the desk writes starts here."""
    book = Document()
    for section in book.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    set_font(book.styles["Normal"], BODY_FONT, BODY_PT)
    return book


def add_title(book: DocxDocument, text: str) -> None:
    title = book.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(title.add_run(text), TITLE_FONT, TITLE_PT)


def add_text(book: DocxDocument, text: str, *, indent: bool = True, right: bool = False) -> None:
    """A body paragraph on GB/T 9704's line grid: 2 characters' indent, or set right for signatures."""
    p = book.add_paragraph(text)
    p.paragraph_format.line_spacing_rule, p.paragraph_format.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE_PT)
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif indent:
        p.paragraph_format.first_line_indent = Pt(2 * BODY_PT)


def as_docx(doc: Doc) -> bytes:
    book = gbt9704_document()
    add_title(book, doc.title)
    add_text(book, f"编号：{doc.number}", right=True)
    if doc.to:
        add_text(book, f"{doc.to}：", indent=False)
    table = book.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in doc.rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(4), Cm(11.6)  # the 156 mm type area
        cells[0].text, cells[1].text = label, value or ""
        cells[0].paragraphs[0].runs[0].bold = True
    for text in doc.paragraphs:
        add_text(book, text)
    for label, value in doc.sign:
        add_text(book, f"{label}：{value}", right=True)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
