"""What goes back to a channel: the answers published in a period, in its back office's columns, as
the masked public copy (a private answer as a note, never its text); and the month's 对账销号, every
message it sent accounted for, the open ones on a sheet of their own."""
import csv
import io

import time_machine
from openpyxl import load_workbook

from minpan.cases.transitions import apply
from tests.flow import CITIZEN, at, collect
from tests.test_publication_copy import BODY, published


def _run(*args) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("export", *args, stdout=out)
    return out.getvalue()


def test_published_answers_go_back_masked_in_the_boards_columns(city, tmp_path):
    with time_machine.travel(at("2026-11-20 10:00"), tick=False):
        published(city, body=BODY, external_id="R-PUB")
        published(city, mode="private", external_id="R-PRI")
        collect("tongliao", external_id="R-OPEN")
    out = tmp_path / "replies.csv"
    text = _run("replies", "--channel", "people_daily", "--from", "2026-11-20", "--to", "2026-11-20", "--format", "csv", "--out", str(out))
    assert "2 条答复" in text
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["留言编号", "标题", "回复内容", "回复单位", "回复时间"]
    by_id = {r[0]: r for r in rows[1:]}
    assert set(by_id) == {"R-PUB", "R-PRI"}
    assert "已安排维修" in by_id["R-PUB"][2] and by_id["R-PUB"][3] == "市住建局"
    assert by_id["R-PRI"][2].startswith("（不公开答复：已直接答复留言人）")
    for secret in (CITIZEN["name"], CITIZEN["phone"]):
        assert secret not in out.read_bytes().decode("utf-8-sig")


def test_the_months_reconciliation_accounts_for_every_message(city, tmp_path):
    with time_machine.travel(at("2026-11-03 10:00"), tick=False):
        published(city, external_id="R1")
    refused = collect("tongliao", external_id="R2", now=at("2026-11-10 10:00"))
    apply(refused, "not_accept", actor=city.operator, now=at("2026-11-10 11:00"), reason="out_of_scope",
          explanation="属法院审理事项。", suggested_channel="人民法院")
    collect("tongliao", external_id="R3", now=at("2026-11-30 23:30"))  # Beijing time: still November
    collect("tongliao", external_id="R4", now=at("2026-12-01 00:10"))  # December: not in this month's list
    out = tmp_path / "nov.xlsx"
    text = _run("reconcile", "--channel", "people_daily", "--month", "2026-11", "--out", str(out))
    assert "已答复 1，办理中 1，不予受理 1，已并单 0，共 3 条" in text
    book = load_workbook(out)
    first, still_open = book.worksheets
    assert [r[0] for r in first.iter_rows(min_row=2, values_only=True)] == ["R1", "R2", "R3"]
    assert [r[0] for r in still_open.iter_rows(min_row=2, values_only=True)] == ["R3"]
    assert [r[3] for r in first.iter_rows(min_row=2, values_only=True)] == ["已答复", "不予受理", "办理中"]
