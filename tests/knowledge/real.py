"""Real consultations and the government's answers to them (泰迪杯 2020 附件4), as entries and queries."""
import csv
import datetime as dt

from minpan.knowledge import entries
from minpan.knowledge.models import Entry
from tests.data import require

APPROVED_AT = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def consultations(limit: int) -> list[dict]:
    """The first `limit` answered messages whose title says 咨询, in file order."""
    folder = require("replies_attachment4.csv")
    with open(folder / "replies_attachment4.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if "咨询" in r["留言主题"] and r["留言详情"].strip() and r["答复意见"].strip()]
    return rows[:limit]


def as_entries(rows: list[dict], owner, by) -> list[Entry]:
    """Each answer as an approved entry, its message's title as the question people ask."""
    made = []
    for row in rows:
        entry = Entry(title=row["留言主题"].strip()[:200], answer=row["答复意见"].strip(), basis="（测试）",
                      owner=owner, valid_from=dt.date(2026, 1, 1))
        made.append(entries.save(entry, by=by, approve=True, now=APPROVED_AT))
    return made
