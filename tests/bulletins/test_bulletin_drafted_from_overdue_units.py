"""Tongliao 第二十一条: the center drafts October's bulletin from the figures. It names the units with
cases overdue — each with its figures and the case numbers behind them — and nothing of the writers.

October 2026 (tests/reports/conftest.py): 东城区 has J (deadline 09-20, never answered) and C
(its street's, deadline 10-14, answered 11-02) overdue at the month's end; 市教育局 answered B a day
after its extended deadline (10-15 → 10-16); 市住建局 answered A on time and is not named."""
from minpan.bulletins.models import BulletinState, BulletinStep
from minpan.bulletins.services import bulletin_draft
from minpan.reports.periods import Period
from tests.flow import CITIZEN, at

OCTOBER = Period.month(2026, 10)


def test_overdue_units_are_named_with_their_cases(city, two_months):
    c = two_months
    bulletin = bulletin_draft(period=OCTOBER, by=city.supervisor, now=at("2026-11-03 09:00"))
    overdue = {line["unit_name"]: line for line in bulletin.lines if line["section"] == "overdue"}
    assert set(overdue) == {"东城区", "市教育局"}
    assert overdue["东城区"]["cases"] == sorted([c.J.reference, c.C.reference])
    assert overdue["市教育局"]["cases"] == [c.B.reference]
    district = overdue["东城区"]["figures"]
    assert (district["fell_due"], district["fell_due_on_time"], district["overdue_open"]) == (1, 0, 2)
    assert overdue["市教育局"]["figures"]["on_time_rate"] == 0.5
    assert set(bulletin.units.values_list("name", flat=True)) == {"东城区", "市教育局"}


def test_the_text_states_the_month_and_names_the_units(city, two_months):
    bulletin = bulletin_draft(period=OCTOBER, by=city.supervisor, now=at("2026-11-03 09:00"))
    assert bulletin.title == "关于2026年10月网民留言办理情况的通报"
    assert bulletin.paragraphs[0].startswith("根据《通辽市人民网地方领导留言板市长板块“民盼通办”工作办法（暂行）》第二十一条")
    said = "\n".join(bulletin.paragraphs)
    assert "东城区（2 件）、市教育局（1 件）" in said
    assert "本期没有答复被认定敷衍塞责而退回重办的单位" in said  # C's send-back named no fault
    assert "通报表扬" not in said  # Tongliao praises no one


def test_the_draft_is_recorded_as_the_centers(city, two_months):
    bulletin = bulletin_draft(period=OCTOBER, by=city.supervisor, now=at("2026-11-03 09:00"))
    assert bulletin.state == BulletinState.DRAFT and bulletin.drafted_by == city.supervisor
    step = BulletinStep.objects.get(bulletin=bulletin)
    assert (step.kind, step.actor, step.at) == ("draft", city.supervisor, at("2026-11-03 09:00"))


def test_no_writer_is_named(city, two_months, client):
    bulletin = bulletin_draft(period=OCTOBER, by=city.supervisor, now=at("2026-11-03 09:00"))
    client.force_login(city.supervisor)
    for url in (f"/desk/bulletins/{bulletin.pk}/", f"/desk/bulletins/{bulletin.pk}/print/"):
        page = client.get(url).content.decode()
        assert two_months.J.reference in page
        for private in (CITIZEN["name"], CITIZEN["phone"], CITIZEN["id_number"], CITIZEN["email"]):
            assert private not in page
    assert CITIZEN["name"] not in str(bulletin.lines) + bulletin.body
