"""渠道对账 on the desk: the center sees each channel's month (received, answered, still open) and
downloads the files that go back to it; a unit's staff are refused and not offered the link."""
import io

import time_machine
from openpyxl import load_workbook

from tests.flow import at, collect
from tests.test_publication_copy import published


def test_the_center_sees_each_channels_month_and_downloads_its_files(client, city):
    with time_machine.travel(at("2026-11-05 10:00"), tick=False):
        published(city, external_id="R1")
        collect("tongliao", external_id="R2")
    client.force_login(city.operator)
    page = client.get("/desk/channels/", {"month": "2026-11"}).content.decode()
    assert "人民网领导留言板（市长板块）" in page and "对账销号（Excel）" in page
    assert "（渠道编号 R2）" in page  # the open one, listed
    resp = client.get("/desk/channels/people_daily/2026-11/reconcile.xlsx")
    sheet = load_workbook(io.BytesIO(resp.content)).worksheets[0]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["R1", "R2"]
    replies = load_workbook(io.BytesIO(client.get("/desk/channels/people_daily/2026-11/replies.xlsx").content)).worksheets[0]
    assert [r[0] for r in replies.iter_rows(min_row=2, values_only=True)] == ["R1"]


def test_a_units_staff_are_refused_and_not_offered_the_page(client, city):
    client.force_login(city.handler)
    assert client.get("/desk/channels/").status_code == 403
    assert client.get("/desk/channels/people_daily/2026-11/reconcile.xlsx").status_code == 403
    home = client.get("/desk/q/working/").content.decode()
    assert "渠道对账" not in home and "热点问题" not in home


def test_a_bad_month_is_said_plainly(client, city):
    client.force_login(city.operator)
    resp = client.get("/desk/channels/", {"month": "2026-13"})
    assert resp.status_code == 400 and "月份应写作" in resp.content.decode()
