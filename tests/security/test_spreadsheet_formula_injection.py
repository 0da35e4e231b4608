"""A subject a citizen writes can't turn into a live formula in the exports staff open in Excel or WPS.

Every CSV or XLSX export goes through minpan.spreadsheet; each export has its test here."""
import csv
import io

import pytest
from openpyxl import load_workbook

from minpan.spreadsheet import safe_cell
from tests.flow import collect

HOSTILE = '=HYPERLINK("http://x.example/steal","点")'


@pytest.mark.parametrize("text", [HOSTILE, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"])
def test_text_that_starts_like_a_formula_gets_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["供暖不足", "路灯不亮 =1", "", 3, -3, None])
def test_ordinary_text_and_numbers_are_left_alone(value):
    assert safe_cell(value) == value


def test_formula_subject_comes_out_of_the_queue_csv_as_text(client, city):
    collect("tongliao", subject=HOSTILE, body="小区门口的路灯坏了好几天了")
    client.force_login(city.operator)
    rows = list(csv.reader(io.StringIO(client.get("/desk/q/review/export.csv").content.decode("utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == ["'" + HOSTILE]


def test_formula_subject_comes_out_of_the_queue_xlsx_as_a_string_cell(client, city):
    collect("tongliao", subject=HOSTILE, body="小区门口的路灯坏了好几天了")
    client.force_login(city.operator)
    sheet = load_workbook(io.BytesIO(client.get("/desk/q/review/export.xlsx").content)).active
    cell = sheet.cell(row=2, column=2)
    assert cell.data_type == "s"
    assert cell.value == "'" + HOSTILE
