"""The monthly report (月报, issue 15; Yuncheng 五(六), Chizhou 第十一条) as a government document
(GB/T 9704-2012): `minpan report monthly 2026-10 --out 月报.docx` on the ten messages of
tests/reports/conftest.py, read back with python-docx — the 版头, the title, the sections drafted
from the figures, the tables with the figures of test_indicators.py, the charts as pictures, the
A4 page and its margins, the page numbers — and the same data as Excel."""
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from minpan.reports import drafting, pictures
from tests.flow import at

MONTH = "2026-10"


def _make(tmp_path, *args, name="月报.docx"):
    path = tmp_path / name
    with time_machine.travel(at("2026-11-03 09:00"), tick=False):
        call_command("report", *args, "--out", str(path), stderr=StringIO())
    return path


def _text(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _table(doc, first_header: str) -> list[list[str]]:
    table = next(t for t in doc.tables if t.cell(0, 0).text == first_header)
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.mark.django_db
def test_monthly_report_has_the_head_of_a_government_document(two_months, tmp_path):
    doc = Document(_make(tmp_path, "monthly", MONTH))
    text = _text(doc)
    organ = doc.paragraphs[0]
    assert organ.text == "市民盼中心"  # the center's name, from the unit tree
    assert organ.runs[0].font.color.rgb is not None and str(organ.runs[0].font.color.rgb) == "E60012"
    assert "民盼月报〔2026〕10号" in text
    number = next(p for p in doc.paragraphs if p.text == "民盼月报〔2026〕10号")
    assert 'w:color="E60012"' in number._p.xml and "w:bottom" in number._p.xml  # the red separator rule
    assert "2026年10月网民留言办理情况月报" in text  # the title (tongliao names no outline of its own)
    title = next(p for p in doc.paragraphs if p.text == "2026年10月网民留言办理情况月报")
    assert title.runs[0].font.name == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    assert text[-2:] == ["市民盼中心", "2026年11月3日"]  # 发文机关署名 and 成文日期
    # fonts are named, not shipped: the font table offers 宋体 where 方正小标宋简体 is missing
    fonts = next(p for p in doc.part.package.parts if str(p.partname).endswith("/fontTable.xml")).blob.decode()
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts


@pytest.mark.django_db
def test_monthly_report_page_is_a4_with_the_standard_margins_and_numbers(two_months, tmp_path):
    doc = Document(_make(tmp_path, "monthly", MONTH))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


@pytest.mark.django_db
def test_monthly_report_sections_are_drafted_from_the_figures(two_months, tmp_path):
    text = _text(Document(_make(tmp_path, "monthly", MONTH)))
    headings = [t for t in text if t[:2] in {f"{drafting.number(n)}、" for n in range(1, 10)}]
    assert headings == ["一、总体情况", "二、按时办结情况", "三、超期未办情况", "四、满意度情况", "五、各单位办理情况", "六、热点问题", "七、下步工作"]
    body = "\n".join(text)
    # the figures of test_indicators.py: 6 received (September 4), 4 accepted, 1 refused, 1 merged, 4 answered
    assert "共收到群众留言6件，环比增长50.0%（上期4件）。其中受理4件，不予受理1件，并入相同事项办理（并单）1件。本期答复4件" in body
    assert "届满的留言4件，在期限当日24时前办结2件，按时办结率50.0%" in body
    assert "截至2026年10月31日24时，超过办理期限仍未办结的留言2件（上期末1件），涉及1个单位：东城区2件。" in body
    assert "收到群众评价3件，其中满意和基本满意2件，不满意1件，满意率66.7%" in body
    assert "督促东城区抓紧办理逾期未办结的2件留言" in body
    assert "退回重新办理的1件留言" in body
    assert "不满意的1件留言开展回访核实" in body


@pytest.mark.django_db
def test_monthly_report_tables_hold_the_figures_by_unit_channel_and_type(two_months, tmp_path):
    doc = Document(_make(tmp_path, "monthly", MONTH))
    units = _table(doc, "单位")
    assert units[0] == ["单位", "收到", "答复", "期限届满", "按期办结", "按时办结率", "期末逾期未办结", "满意率"]
    rows = {r[0]: r[1:] for r in units[1:]}
    assert list(rows) == ["市住建局", "市教育局", "东城区"]
    assert rows["市住建局"][2:5] == ["1", "1", "100.0%"]
    assert rows["市教育局"][1:5] == ["2", "2", "1", "50.0%"]
    assert rows["东城区"][2:6] == ["1", "0", "0.0%", "2"]
    assert _table(doc, "渠道")[0][:3] == ["渠道", "收到", "受理"]
    types = {r[0]: r[1] for r in _table(doc, "留言类型")[1:]}
    assert types["投诉"] == "1"  # F (B was received in September)


@pytest.mark.django_db
def test_monthly_report_carries_its_charts_as_pictures(two_months, tmp_path):
    doc = Document(_make(tmp_path, "monthly", MONTH))
    assert len(doc.inline_shapes) == 2  # the trend by month, the units' bars
    captions = [t for t in _text(doc) if t.startswith("图")]
    assert captions[0].startswith("图1 近6个月收到与答复留言数") and captions[1].startswith("图2 各单位收到与答复留言数")
    pngs = [p for p in doc.part.package.parts if p.content_type == "image/png"]
    assert len(pngs) == 2 and all(p.blob[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_without_a_cjk_font_the_chart_numbers_its_bars_and_names_them_in_the_caption():
    picture = pictures.bars("图2 各单位收到与答复留言数", [("市住建局", 2, 1), ("东城区", 1, 0)], ("收到", "答复"), cjk=None)
    assert picture.png[:4] == b"\x89PNG"
    assert "1 市住建局；2 东城区" in picture.caption


@pytest.mark.django_db
@override_settings(MINPAN_POLICY="chizhou")
def test_chizhou_monthly_analysis_has_the_sections_of_article_11(two_months, tmp_path):
    text = _text(Document(_make(tmp_path, "monthly", MONTH)))
    assert "2026年10月网友留言、政务热线办理情况分析报告" in text
    assert any(t.startswith("根据《池州市网友留言、政务热线等办理工作办法》第十一条") for t in text)
    headings = [t for t in text if t[1:2] == "、" and t[:1] in drafting.CHINESE]
    assert headings == ["一、总体办理情况", "二、办理时效情况", "三、群众满意情况", "四、各承办单位办理情况",
                        "五、群众反映较为集中的事项", "六、分类分项建立长效工作机制的建议"]
    assert any("分类分项梳理，建立管长远的工作机制" in t for t in text)


@pytest.mark.django_db
def test_monthly_xlsx_holds_the_same_data(two_months, tmp_path):
    path = _make(tmp_path, "monthly", MONTH, "--format", "xlsx", name="月报.xlsx")
    book = load_workbook(path)
    summary = {row[0]: row[1:] for row in book["汇总"].iter_rows(min_row=3, values_only=True)}
    assert summary["收到留言数"] == (6, 4) and summary["按时办结率"] == (0.5, 0.5)


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["2026-13", "2026/10", ""])
def test_a_bad_month_is_refused_in_chinese(month, tmp_path):
    with pytest.raises(CommandError, match="月份格式无效"):
        call_command("report", "monthly", month, "--out", str(tmp_path / "x.docx"))


@pytest.mark.django_db
def test_the_hot_topics_come_from_the_stored_grouping_with_personal_data_taken_out(two_months, tmp_path):
    from minpan.textmine.models import HotReport

    HotReport.objects.create(month=MONTH, key="k", computed_at=at("2026-11-01 03:00"), data={"cases": 6, "previous_cases": 4, "topics": [
        {"place": "幸福小区", "problem": "路灯 13912345678", "keys": [], "messages": 4, "writers": 3, "likes": 0,
         "first": "2026-10-08T10:00:00+08:00", "last": "2026-10-27T09:00:00+08:00", "previous": 1, "samples": []}]})
    body = "\n".join(_text(Document(_make(tmp_path, "monthly", MONTH))))
    assert "群众反映较为集中的问题依次是：幸福小区 · 路灯" in body and "4件（3人），上月1件" in body
    assert "13912345678" not in body


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_cases(two_months, city):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from minpan.reports.facts import gather
    from minpan.reports.periods import Period
    from tests.reports.conftest import received

    def counted() -> int:
        with CaptureQueriesContext(connection) as seen:
            gather(Period.month(2026, 10))
        return len(seen)

    before = counted()
    for day in ("2026-10-13 10:00", "2026-10-14 10:00", "2026-10-15 10:00"):
        received(city, day, lead=city.district, domain="education", msg_type="complaint")
    assert counted() == before
