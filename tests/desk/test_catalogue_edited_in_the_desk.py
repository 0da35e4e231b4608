"""派单目录 in the desk (国办函〔2025〕66号): the center's operator adds and edits matters, each edit a
new version with who, when and why; the catalogue goes out to Excel and comes back, with every
error named by its row, in Chinese; units' staff do not see it."""
import io

import time_machine
from openpyxl import Workbook, load_workbook

from minpan.catalogue.excel import HEADER, export_xlsx, import_xlsx
from minpan.catalogue.models import Matter, MatterVersion
from tests.catalogue_data import school_fees, streetlights
from tests.flow import at


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def test_the_operator_adds_a_matter_and_edits_it_into_a_new_version(client, city):
    client.force_login(city.operator)
    with time_machine.travel(at("2026-03-02 09:00"), tick=False):
        resp = client.post("/desk/catalogue/new/", {"code": "urban-elevator", "domain": "urban", "name": "住宅电梯安全",
                                                     "keywords": "电梯、困人", "lead_unit": city.housing.pk, "reason": "新增"})
    assert resp.status_code == 302, resp.content.decode()[:1500]
    matter = Matter.objects.get(code="urban-elevator")
    with time_machine.travel(at("2026-03-03 09:00"), tick=False):
        resp = client.post(f"/desk/catalogue/{matter.pk}/edit/", {
            "name": "住宅电梯安全", "keywords": "电梯 困人 电梯故障", "lead_unit": city.district.pk,
            "co_units": [city.housing.pk], "answer_days": "5", "in_force": "on", "reason": "属地管理"})
    assert resp.status_code == 302, resp.content.decode()[:1500]
    v2 = MatterVersion.objects.get(matter=matter, number=2)
    assert (v2.lead_unit, list(v2.co_units.all()), v2.edited_by, v2.reason) == (city.district, [city.housing], city.operator, "属地管理")
    page = client.get(f"/desk/catalogue/{matter.pk}/").content.decode()
    assert "第2版" in page and "第1版" in page and "属地管理" in page
    # the catalogue as it stood on 03-02 is read back
    past = client.get("/desk/catalogue/?at=2026-03-02").content.decode()
    assert "市住建局" in past[past.index("urban-elevator"):] and "第1版" in past


def test_an_edit_without_a_reason_is_refused_and_writes_nothing(client, city):
    version = streetlights(city)
    client.force_login(city.operator)
    resp = client.post(f"/desk/catalogue/{version.matter_id}/edit/", {"name": "路灯", "lead_unit": city.district.pk, "reason": ""})
    assert resp.status_code == 400 and MatterVersion.objects.count() == 1


def test_units_staff_do_not_see_the_catalogue(client, city):
    client.force_login(city.handler)
    assert client.get("/desk/catalogue/").status_code == 403
    client.force_login(city.reviewer)
    assert client.get("/desk/catalogue/").status_code == 200
    assert client.post("/desk/catalogue/new/", {"code": "x"}).status_code == 403


def test_export_and_import_round_trip(city):
    streetlights(city)
    school_fees(city)
    data = export_xlsx()
    rows = _rows(data)
    assert list(rows[0]) == HEADER
    assert ("urban-streetlight", None, "城乡建设", "城市道路照明（路灯）维护", "路灯 路灯不亮 照明设施", "市住建局", "东城区",
            "《城市道路照明设施管理规定》第五条", 5, "有效") in rows
    # the same file back changes nothing
    result = import_xlsx(data, by=city.operator)
    assert (result.errors, result.created, result.revised, result.unchanged) == ([], [], [], 2)
    # an edited file: one matter revised, one added
    edited = [list(r) for r in rows]
    lights = next(r for r in edited if r[0] == "urban-streetlight")
    lights[5] = "东城区"
    lights[6] = ""
    edited.append(["urban-streetlight-new", "urban-streetlight", "城乡建设", "新建小区路灯移交", "路灯移交", "dongcheng", "", "", "", "有效"])
    result = import_xlsx(_xlsx(edited), by=city.operator, reason="Excel 导入：年度更新")
    assert (result.errors, result.created, result.revised) == ([], ["urban-streetlight-new"], ["urban-streetlight"])
    latest = Matter.objects.get(code="urban-streetlight").latest()
    assert (latest.number, latest.lead_unit, latest.reason) == (2, city.district, "Excel 导入：年度更新")
    assert Matter.objects.get(code="urban-streetlight-new").parent.code == "urban-streetlight"
    assert _rows(export_xlsx())[1:] != rows[1:]


def test_an_import_with_errors_names_each_row_and_writes_nothing(city):
    streetlights(city)
    data = _xlsx([HEADER,
                  ["a-1", "", "城乡建设", "甲", "甲", "市住建局", "", "", "", "有效"],
                  ["a-2", "", "天文", "乙", "乙", "不存在的局", "", "", "九十", "有效"],
                  ["a-1", "", "城乡建设", "丙", "丙", "市住建局", "", "", "", "作废"]])
    result = import_xlsx(data, by=city.operator)
    assert result.errors[0].startswith("第 3 行：") and "天文" in result.errors[0] and "不存在的局" in result.errors[0]
    assert "答复时限“九十”" in result.errors[0]
    assert result.errors[1].startswith("第 4 行：") and "状态“作废”" in result.errors[1]
    assert Matter.objects.count() == 1
    assert import_xlsx(b"not a spreadsheet").errors == ["无法读取该文件：请上传由本系统导出或按其格式填写的 .xlsx 文件。"]
    assert import_xlsx(_xlsx([["编码"]])).errors[0].startswith("第 1 行应为表头")


def test_the_operator_imports_through_the_page_and_sees_the_errors(client, city):
    client.force_login(city.operator)
    bad = _xlsx([HEADER, ["b-1", "", "城乡建设", "", "", "市住建局", "", "", "", ""]])
    resp = client.post("/desk/catalogue/import/", {"reason": "测试", "file": io.BytesIO(bad)})
    assert resp.status_code == 400 and "第 2 行：事项名称为空" in resp.content.decode()
    good = _xlsx([HEADER, ["b-1", "", "城乡建设", "占道经营", "占道 摆摊", "东城区", "", "", "", ""]])
    upload = io.BytesIO(good)
    upload.name = "catalogue.xlsx"
    resp = client.post("/desk/catalogue/import/", {"reason": "测试", "file": upload})
    assert resp.status_code == 302 and Matter.objects.get(code="b-1").latest().lead_unit == city.district
    resp = client.get("/desk/catalogue/export.xlsx")
    assert resp.status_code == 200 and ("b-1", None, "城乡建设") == _rows(resp.content)[1][:3]
