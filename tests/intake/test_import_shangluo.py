"""商洛市长信箱's closed letters in one command: archived cases with their real replies and answering
units, searchable on the desk, in the public answers (masked) and counted; the rows the data README
warns of (empty replies, replies dated before the letter, bytes that are not UTF-8, a mail_id used
twice) reported or told apart, never a crash; a second run imports nothing."""
import datetime as dt
from pathlib import Path

import pytest

from minpan.cases.models import Case, PublicCopy
from minpan.cases.states import State
from minpan.reports import indicators
from minpan.reports.periods import Period
from minpan.units.models import Unit
from tests.intake.files import csv_file, run_import

LETTERS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "shangluo" / "letters.csv"
HEADER = ["mail_id", "title", "query", "query_date", "reply", "reply_date", "reply_agency", "url"]
URL = "http://www.shangluo.gov.cn/zmhd/ldxxxx.jsp?urltype=leadermail.LeaderMailContentUrl&wbtreeid=1112&leadermailid={}"


def test_closed_letters_become_archived_cases_with_their_replies(db, tmp_path, client, city):
    path = csv_file(tmp_path / "letters.csv", HEADER, [
        ["20220510008", "东风砖厂的路何时硬化", "进入东风砖厂的马路路灯全部不亮，请联系我13912345678。", "2022-05-10",
         " 网友你好，县住建局已委托勘察设计，预计2023年建成。\n ", "2022-05-12", "洛南县人民政府办公室", URL.format(9169)],
        ["20220510008", "同一个编号的另一封信", "商州区某小区停水三天。", "2022-05-10", "已协调恢复供水。", "2022-05-11",
         "商州区人民政府", URL.format(9170)],
        ["20220509004", "没有答复的信", "咨询两次无果。", "2022-05-09", "", "", "", URL.format(9171)],
        ["20220509005", "答复早于来信", "某事。", "2022-05-09", "已办理。", "2022-05-01", "市住建局", URL.format(9172)],
    ])
    lines, _ = run_import(str(path), "--format", "shangluo")
    assert lines[-1] == "imported 2, already there 0, rejected 2"
    # the first reply spans lines 2-3, so the records after it start on lines 4, 5 and 6
    assert "第 5 行：“reply”为空" in lines[0] and "第 6 行：答复日期（2022-05-01）早于留言日期（2022-05-09）" in lines[1]

    road = Case.objects.get(external_id="leadermail:9169")
    assert (road.state, road.channel, road.lead_unit.name) == (State.ARCHIVED, "mayor_mailbox", "洛南县人民政府办公室")
    assert road.replies.get().body == "网友你好，县住建局已委托勘察设计，预计2023年建成。"
    assert road.answered_at.isoformat() == "2022-05-11T16:00:00+00:00"  # 12 May, Beijing time
    assert [e.action for e in road.events.order_by("seq")] == ["collect", "import_answered"]
    # counted like an answer given here: 3 working days from 10 May 2022 (Yuncheng-length or the policy's)
    assert road.deadline_at is not None and road.deadline_at > road.received_at
    assert Case.objects.get(external_id="leadermail:9170").subject == "同一个编号的另一封信"  # mail_id repeats
    assert not Unit.objects.get(name="商州区人民政府").active  # not offered for dispatch until switched on
    assert "13912345678" not in PublicCopy.objects.get(case=road).body  # the public copy is masked

    client.force_login(city.operator)
    assert "东风砖厂的路何时硬化" in client.get("/desk/q/all/", {"q": "东风砖厂"}).content.decode()
    assert run_import(str(path), "--format", "shangluo")[0][-1] == "imported 0, already there 2, rejected 2"


@pytest.mark.skipif(not LETTERS.is_file(), reason="../shared/data/shangluo/letters.csv is not beside the checkout")
def test_all_real_letters_import_in_one_command(db):
    lines, _ = run_import(str(LETTERS), "--format", "shangluo")
    imported, already, rejected = (int(part.split()[-1]) for part in lines[-1].split(", "))
    assert imported + rejected == 899 and already == 0
    assert imported >= 880 and Case.objects.filter(state=State.ARCHIVED, channel="mayor_mailbox").count() == imported
    assert all(line.startswith("第 ") for line in lines[:-1]) and len(lines) - 1 == rejected
    assert Unit.objects.filter(code__startswith="hist-").count() > 150
    # counted in the statistics as the answers they were
    figures = indicators.figures(Period(dt.date(2011, 1, 1), dt.date(2022, 12, 31)))[None]
    assert figures.answered == figures.received == figures.accepted == imported
