"""The monthly report (月报) and the special report (专报) as a DOCX in the layout of a government
document, GB/T 9704-2012 《党政机关公文格式》:
- A4, 版心 156 × 225 mm: margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (5.2);
- 版头: 发文机关标志 in red 小标宋, centred (7.2.3); 发文字号 centred under it, 〔〕 round the
  year (7.2.4); the red separator rule as wide as the 版心 (7.2.6);
- 主体: the title in 2号小标宋, centred (7.3.1); the body in 3号仿宋, its first level headings
  一、 in 黑体 (7.3.3); 发文机关署名 and 成文日期 in Arabic numerals, the date 右空四字 (7.3.5);
- 页码 in 4号半角宋体 as “— 1 —”, odd pages on the right and even pages on the left, one
  character in from the edge (7.5).
We cannot ship fonts: the runs name the fonts a government office has (方正小标宋简体, 仿宋_GB2312,
黑体), and the font table gives each a common alternative (宋体, 仿宋, SimHei) for a machine without it."""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from . import drafting
from .facts import Facts

TITLE_FONT, BODY_FONT, HEADING_FONT, NUMBER_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "宋体"
ALTERNATIVES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING_FONT: "SimHei", NUMBER_FONT: "SimSun"}
RED = RGBColor(0xE6, 0x00, 0x12)
SIZE_2, SIZE_3, SIZE_4 = Pt(22), Pt(16), Pt(14)   # 2号, 3号, 4号
LINE = Pt(28.9)          # 22 lines on the 225 mm 版心 (7.1)
CHAR = SIZE_3            # one character of the body
PICTURE_WIDTH = Mm(150)
TEXT_WIDTH = Mm(156)     # the 版心's width
FIRST_COLUMN = Mm(44)


def _font(run, name: str, size, *, bold: bool = False, colour: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str = "", *, font: str = BODY_FONT, size=SIZE_3, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
               indent: bool = False, bold: bool = False, colour: RGBColor | None = None, exact: bool = True):
    par = doc.add_paragraph()
    fmt = par.paragraph_format
    fmt.alignment = align
    fmt.space_before = fmt.space_after = Pt(0)
    if exact:
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    if indent:
        fmt.first_line_indent = CHAR * 2
    if text:
        _font(par.add_run(text), font, size, bold=bold, colour=colour)
    return par


def _red_rule(par) -> None:
    """The 版头's separator (7.2.6): a red rule 4 mm under the 发文字号, across the 版心."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "11"), ("w:color", "E60012")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    par._p.get_or_add_pPr().append(borders)


def _page_number(footer, align) -> None:
    par = footer.paragraphs[0]
    par.alignment = align
    fmt = par.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = SIZE_4
    else:
        fmt.left_indent = SIZE_4
    _font(par.add_run("— "), NUMBER_FONT, SIZE_4)
    run = par.add_run()
    _font(run, NUMBER_FONT, SIZE_4)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = " PAGE "
        else:
            node = OxmlElement("w:t")
            node.text = text
        run._r.append(node)
    _font(par.add_run(" —"), NUMBER_FONT, SIZE_4)


def _font_alternatives(doc) -> None:
    """w:altName in the font table: what a machine without the office's fonts uses instead.
    python-docx keeps the font table as bytes (a plain Part): parsed, added to, put back."""
    table = next((p for p in doc.part.package.parts if str(p.partname).endswith("/fontTable.xml")), None)
    if table is None:
        return
    root = parse_xml(table.blob)
    for name, alternative in ALTERNATIVES.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt = OxmlElement("w:altName")
        alt.set(qn("w:val"), alternative)
        font.append(alt)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        font.append(charset)
        root.append(font)
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _table(doc, table: drafting.Table) -> None:
    caption = _paragraph(doc, table.caption, font=HEADING_FONT, size=SIZE_4, align=WD_ALIGN_PARAGRAPH.CENTER)
    caption.paragraph_format.keep_with_next = True  # never a caption at a page's foot and its table overleaf
    grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False  # the widths below, not the writer's guess from the contents
    # the names' column wide enough for a channel's or unit's name, the figures share the rest
    first = FIRST_COLUMN
    rest = (TEXT_WIDTH - first) / max(len(table.header) - 1, 1)
    for c, column in enumerate(grid.columns):
        column.width = first if c == 0 else int(rest)
    for r, row in enumerate([table.header, *table.rows]):
        for c, text in enumerate(row):
            cell = grid.cell(r, c)
            cell.width = first if c == 0 else int(rest)
            if r == 0:
                _keep_with_next(cell.paragraphs[0])
            par = cell.paragraphs[0]
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(par.add_run(text), HEADING_FONT if r == 0 else BODY_FONT, Pt(10.5))
    if not table.rows:
        _paragraph(doc, "（本期无数据）", align=WD_ALIGN_PARAGRAPH.CENTER, size=SIZE_4)


def _keep_with_next(par) -> None:
    par.paragraph_format.keep_with_next = True


def _picture(doc, picture) -> None:
    par = _paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False)
    _keep_with_next(par)  # the picture and its caption on one page
    par.add_run().add_picture(io.BytesIO(picture.png), width=PICTURE_WIDTH)
    _paragraph(doc, picture.caption, size=SIZE_4, align=WD_ALIGN_PARAGRAPH.CENTER)


def title_of(facts: Facts, policy_name: str, title: str = "") -> str:
    if title:
        return title
    period = drafting.when(facts.period)
    if facts.scope or facts.period.whole_months != 1:
        return f"关于{period}{facts.scope.words()}群众留言办理情况的专报"
    return drafting.outline(policy_name).title.format(period=period)


def build(facts: Facts, *, policy_name: str, special: bool = False, title: str = "", number: int | None = None):
    """The document, ready to save: python-docx's Document."""
    doc = Document()
    _font_alternatives(doc)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, SIZE_3
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7)  # the number's line 7 mm under the 版心 (7.5)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    # 版头
    # 7.2.3: 发文机关标志 35 mm below the 版心's top; 7.2.4: 发文字号 two lines under it
    organ = _paragraph(doc, facts.organ, font=TITLE_FONT, size=Pt(30), align=WD_ALIGN_PARAGRAPH.CENTER, colour=RED, exact=False)
    organ.paragraph_format.space_before = Mm(35)
    _paragraph(doc)
    _paragraph(doc)
    year = facts.period.last.year
    serial = number if number is not None else facts.period.last.month
    ref = _paragraph(doc, f"民盼{'专报' if special else '月报'}〔{year}〕{serial}号", align=WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(ref)
    _paragraph(doc)  # 7.3.1: the title two lines under the rule
    _paragraph(doc)
    # 主体
    _paragraph(doc, title_of(facts, policy_name, title), font=TITLE_FONT, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False)
    _paragraph(doc)
    basis = drafting.outline(policy_name).basis
    lead = f"根据{basis}，" if basis and not special else ""
    what = f"{facts.scope.words()}的" if facts.scope else ""
    _paragraph(doc, f"{lead}现将{drafting.when(facts.period)}{what}群众留言办理情况报告如下。", indent=True)
    for n, part in enumerate(drafting.sections(facts, policy_name), start=1):
        _keep_with_next(_paragraph(doc, f"{drafting.number(n)}、{part.heading}", font=HEADING_FONT, indent=True))
        for text in part.paragraphs:
            _paragraph(doc, text, indent=True)
        for table in part.tables:
            _table(doc, table)
        for picture in part.pictures:
            _picture(doc, picture)
    # 发文机关署名 and 成文日期, the date 右空四字, the name over it; kept on one page with the
    # body's last lines (7.3.5.4: the signature never alone on a page)
    if doc.paragraphs:
        _keep_with_next(doc.paragraphs[-1])
    _keep_with_next(_paragraph(doc))
    _keep_with_next(_paragraph(doc))
    issued = facts.issued
    date = _paragraph(doc, f"{issued.year}年{issued.month}月{issued.day}日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    date.paragraph_format.right_indent = CHAR * 4
    signer = date.insert_paragraph_before()
    signer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signer.paragraph_format.right_indent = CHAR * 2
    signer.paragraph_format.line_spacing_rule, signer.paragraph_format.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    _keep_with_next(signer)
    _font(signer.add_run(facts.organ), BODY_FONT, SIZE_3)
    return doc


def write(facts: Facts, path: Path | io.BytesIO, **options) -> None:
    build(facts, **options).save(path)
