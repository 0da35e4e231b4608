"""Issue 18 in the reports: each unit's disputed dispatches (returns citing the 派单目录) and the
consultations the center answered from the 知识库 are in `minpan report stats`, JSON and XLSX."""
import io
import json

import time_machine
from django.core.management import call_command
from openpyxl import load_workbook

from minpan.cases.transitions import apply
from tests.catalogue_data import streetlights
from tests.flow import at, dispatched
from tests.knowledge.entries import ANSWER, consultation, residence_permit


def _month(city):
    version = streetlights(city)
    with time_machine.travel(at("2026-03-02 09:00"), tick=False):
        case = dispatched(city, "tongliao", lead=city.housing)
    with time_machine.travel(at("2026-03-02 10:00"), tick=False):
        apply(case, "return", actor=city.deputy, matter=version.matter, reason="路灯已移交东城区管护，不属本局。")
    entry = residence_permit(city)
    asked = consultation(city, at("2026-03-03 09:00"))
    apply(asked, "direct_answer", actor=city.operator, now=at("2026-03-03 10:00"), body=ANSWER, knowledge=entry.pk)


def test_disputes_and_knowledge_answers_are_in_the_month(city):
    _month(city)
    out = io.StringIO()
    call_command("report", "stats", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["answered_from_knowledge"] == 1
    assert data["disputed_by_unit"] == [{"unit": "市住建局", "returned": 1, "disputed": 1, "accepted": 0, "rejected": 0,
                                         "pending": 1}]
    out = io.StringIO()
    call_command("report", "stats", "--from", "2026-04-01", "--to", "2026-04-30", "--format", "json", stdout=out)
    later = json.loads(out.getvalue())
    assert later["answered_from_knowledge"] == 0 and later["disputed_by_unit"] == []


def test_the_workbook_has_them_on_their_own_sheet(city, tmp_path):
    _month(city)
    path = tmp_path / "stats.xlsx"
    call_command("report", "stats", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "xlsx", "--out", str(path))
    rows = list(load_workbook(path)["派单异议与知识库"].values)
    assert rows[0][:2] == ("依知识库直接答复（件）", 1)
    assert rows[2][:3] == ("市住建局", 1, 1)
