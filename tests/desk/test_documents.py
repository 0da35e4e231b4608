import io
import re
from pathlib import Path

import pytest
import time_machine
from django.contrib.staticfiles import finders
from docx import Document
from docx.shared import Pt

from minpan.cases.models import Event
from minpan.cases.transitions import apply
from tests.flow import at, dispatched

KINDS = ("assignment", "extension", "supervision", "reply_sheet", "return_note", "overdue_notice")
NAMES = {"handler": "李经办", "reviewer": "周审核", "principal": "孙主任", "deputy": "钱分管", "operator": "吴受理"}


@pytest.fixture
def named(city):
    """The city's people with their names on file, as the demo and a real center have them."""
    for login, name in NAMES.items():
        user = getattr(city, login)
        user.first_name = name
        user.save(update_fields=["first_name"])
    return city


def _walked(city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = dispatched(city, "tongliao", co=[city.education])
        apply(case, "claim", actor=city.handler)
        apply(case, "request_extension", actor=city.handler, days=2, reason="需现场勘查。")
        apply(case, "endorse_extension", actor=city.deputy)
        apply(case, "approve_extension", actor=city.reviewer, decision_note="同意。")
        apply(case, "instruct", actor=city.leader, text="请尽快解决。", leader_name="张市长")
        apply(case, "draft", actor=city.handler, body="已修复。", handler_name="李工", handler_phone="0475-1234567")
        apply(case, "sign_off", actor=city.principal, sealed=True)
    return case


def test_the_case_page_lists_the_documents_it_has(client, city):
    case = _walked(city)
    client.force_login(city.operator)
    text = client.get(f"/desk/case/{case.pk}/").content.decode()
    for title in ("承办单（转办卡）", "延长办理卡", "督办通知", "网民留言回复情况表"):
        assert title in text
    assert "退件说明" not in text


def test_assignment_form_prints_as_a4_with_its_fields(client, city):
    case = _walked(city)
    client.force_login(city.operator)
    text = client.get(f"/desk/case/{case.pk}/doc/assignment/").content.decode()
    assert "承办单（转办卡）" in text and "print.css" in text
    for field in ("登记编号", "牵头单位", "市住建局", "配合单位", "市教育局", "办理期限", "王小明"):
        assert field in text


def test_each_document_downloads_as_docx(client, city):
    case = _walked(city)
    client.force_login(city.operator)
    for kind, must in [("assignment", "市住建局"), ("extension", "需现场勘查。"), ("supervision", "张市长"),
                       ("reply_sheet", "0475-1234567")]:
        resp = client.get(f"/desk/case/{case.pk}/doc/{kind}.docx")
        assert resp.status_code == 200
        assert resp["Content-Type"].endswith("wordprocessingml.document")
        doc = Document(io.BytesIO(resp.content))
        cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
        assert must in cells, kind


def test_return_note_and_overdue_notice(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        returned = dispatched(city, "tongliao")
        apply(returned, "return", actor=city.deputy, reason="属教育局职责。")
        late = dispatched(city, "tongliao")
    client.force_login(city.operator)
    text = client.get(f"/desk/case/{returned.pk}/doc/return_note/").content.decode()
    # the signing leader by unit and post (no name on file here), never the login name
    assert "属教育局职责。" in text and "市住建局 单位分管领导" in text and "deputy" not in _article(text)
    # Received Monday 2026-03-02: five working days end at 24:00 on Monday 03-09. The notice
    # counts the working days after that day up to today, today included; weekends do not count.
    for now, overdue in [("2026-03-10 09:00", 1), ("2026-03-12 09:00", 3), ("2026-03-16 09:00", 5)]:
        with time_machine.travel(at(now), tick=True):
            text = client.get(f"/desk/case/{late.pk}/doc/overdue_notice/").content.decode()
        assert "催办通知书" in text
        assert "<th>办理期限</th><td>2026年03月09日 24:00</td>" in text
        assert f"<th>逾期</th><td>{overdue} 个工作日</td>" in text, now


def test_a_unit_gets_no_writer_identity_when_withheld(client, city):
    case = _walked(city)
    case.identity_withheld = True
    case.save(update_fields=["identity_withheld"])
    client.force_login(city.handler)
    text = client.get(f"/desk/case/{case.pk}/doc/assignment/").content.decode()
    assert "王小明" not in text and "隐去" in text


def test_a_document_the_case_does_not_have_is_404(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.operator)
    assert client.get(f"/desk/case/{case.pk}/doc/extension/").status_code == 404
    assert client.get(f"/desk/case/{case.pk}/doc/nonsense/").status_code == 404


def _article(html: str) -> str:
    """The printed sheet's text, without the page around it."""
    sheet = re.search(r"<article.*?</article>", html, re.S).group(0)
    return re.sub(r"<[^>]+>", " ", sheet)


def _docx_text(book) -> str:
    return "\n".join([p.text for p in book.paragraphs] + [c.text for t in book.tables for r in t.rows for c in r.cells])


def _every_document(client, city):
    """Each kind of document, as HTML text and as DOCX, on cases that have it."""
    walked = _walked(city)
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        returned = dispatched(city, "tongliao")
        apply(returned, "return", actor=city.deputy, reason="属教育局职责。")
        late = dispatched(city, "tongliao")
    client.force_login(city.operator)
    out = []
    with time_machine.travel(at("2026-03-12 09:00"), tick=True):
        for kind in KINDS:
            case = {"return_note": returned, "overdue_notice": late}.get(kind, walked)
            html = client.get(f"/desk/case/{case.pk}/doc/{kind}/")
            book = client.get(f"/desk/case/{case.pk}/doc/{kind}.docx")
            assert html.status_code == book.status_code == 200, kind
            out.append((kind, _article(html.content.decode()), Document(io.BytesIO(book.content))))
    return out


def test_no_login_name_anywhere_in_a_document(client, named):
    logins = {u.get_username() for u in vars(named).values() if hasattr(u, "get_username")}
    seen = ""
    for kind, html, book in _every_document(client, named):
        for text in (html, _docx_text(book)):
            assert not [login for login in logins if login in text], kind
            seen += text
    # the people who asked, decided and signed, by unit and name
    assert "市住建局 李经办" in seen  # 申请人 of the extension
    assert "市民盼中心 周审核" in seen  # 审批人
    assert "市住建局 孙主任" in seen  # 审签领导
    assert "市住建局 钱分管" in seen  # 签字领导 of the return


def test_the_timeline_names_people_not_logins(client, named):
    case = _walked(named)
    names = dict(Event.objects.filter(case=case).values_list("action", "actor_name"))
    assert names["request_extension"] == "李经办" and names["approve_extension"] == "周审核"
    assert names["instruct"] == ""  # no name on file: the page shows the role
    client.force_login(named.operator)
    text = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "李经办" in text and "周审核" in text and "市领导" in text


def test_extension_card_shows_the_deadline_before_the_extension(client, city):
    case = _walked(city)  # dispatched Monday 03-02: 5 working days end Monday 03-09; 2 more end 03-11
    client.force_login(city.operator)
    text = client.get(f"/desk/case/{case.pk}/doc/extension/").content.decode()
    assert "<th>原办理期限</th><td>2026年03月09日 24:00</td>" in text
    assert "<th>延长后办理期限</th><td>2026年03月11日 24:00</td>" in text


def test_a_pending_extension_card_shows_the_deadline_in_force(client, city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = dispatched(city, "tongliao")
        apply(case, "claim", actor=city.handler)
        apply(case, "request_extension", actor=city.handler, days=2, reason="需现场勘查。")
    client.force_login(city.operator)
    text = client.get(f"/desk/case/{case.pk}/doc/extension/").content.decode()
    assert "<th>原办理期限</th><td>2026年03月09日 24:00</td>" in text and "延长后办理期限" not in text


def test_a_closed_case_keeps_the_deadline_it_had(client, city):
    case = _walked(city)
    with time_machine.travel(at("2026-03-05 09:00"), tick=True):
        apply(case, "submit", actor=city.handler)
        apply(case, "approve", actor=city.reviewer)
        apply(case, "publish", actor=city.operator, mode="public")
    client.force_login(city.operator)
    for kind in ("assignment", "supervision"):
        text = client.get(f"/desk/case/{case.pk}/doc/{kind}/").content.decode()
        assert "<th>办理期限</th><td>2026年03月11日 24:00</td>" in text, kind
        assert "未计时" not in text


def _a4_gbt9704(book) -> None:
    def mm(*lengths):  # DOCX keeps twentieths of a point: compare to the tenth of a millimetre
        return tuple(round(length.mm, 1) for length in lengths)

    for section in book.sections:
        assert mm(section.page_width, section.page_height) == (210, 297)
        assert mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == (37, 35, 28, 26)
    normal = book.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
    title = book.paragraphs[0].runs[0]
    assert title.font.size == Pt(22)


def test_every_document_is_a4_with_the_margins_of_gbt_9704(client, city):
    for kind, _, book in _every_document(client, city):
        _a4_gbt9704(book)
        assert book.paragraphs[0].text, kind


def test_the_monthly_hot_topics_docx_is_a4_too(client, city):
    client.force_login(city.reviewer)
    resp = client.get("/desk/hot/2026-10.docx")
    assert resp.status_code == 200
    book = Document(io.BytesIO(resp.content))
    _a4_gbt9704(book)
    assert book.paragraphs[0].text == "热点问题（2026年10月）"


def test_the_printed_page_is_laid_out_as_gbt_9704(client, city):
    case = _walked(city)
    client.force_login(city.operator)
    text = client.get(f"/desk/case/{case.pk}/doc/assignment/").content.decode()
    # the rules live in the page's stylesheet (the CSP allows no inline <style>)
    assert "/static/minpan/desk/print.css" in text
    sheet = Path(finders.find("minpan/desk/print.css")).read_text(encoding="utf-8")
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in sheet
