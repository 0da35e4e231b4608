import io

import time_machine
from docx import Document

from minpan.cases.transitions import apply
from tests.flow import at, dispatched


def _walked(city):
    with time_machine.travel(at("2026-03-02 09:00"), tick=True):
        case = dispatched(city, "tongliao", co=[city.education])
        apply(case, "claim", actor=city.handler)
        apply(case, "request_extension", actor=city.handler, days=2, reason="需现场勘查。")
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
    assert "属教育局职责。" in text and "deputy" in text
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
