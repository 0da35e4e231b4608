import csv
import io

from openpyxl import load_workbook

from tests.flow import collect


def test_the_current_list_exports_as_csv_and_excel_with_the_filters(client, city):
    collect("tongliao", subject="供暖不足", body="暖气不热")
    collect("tongliao", subject="路灯不亮")
    client.force_login(city.operator)
    resp = client.get("/desk/q/review/export.csv?q=暖气")
    assert resp.status_code == 200 and "attachment" in resp["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["登记编号", "标题"]
    assert [r[1] for r in rows[1:]] == ["供暖不足"]
    resp = client.get("/desk/q/review/export.xlsx")
    sheet = load_workbook(io.BytesIO(resp.content)).active
    assert sheet.title == "待初审"
    assert sorted(sheet.cell(row=r, column=2).value for r in (2, 3)) == ["供暖不足", "路灯不亮"]


def test_export_holds_only_what_the_user_may_see(client, city):
    collect("tongliao", subject="供暖不足")
    client.force_login(city.handler)
    rows = list(csv.reader(io.StringIO(client.get("/desk/q/all/export.csv").content.decode("utf-8-sig"))))
    assert rows[1:] == []
    assert client.get("/desk/q/all/export.pdf").status_code == 404
