"""Chizhou 第九条(七): 市政府办公室对已办结事项不定期开展“回头看”，核查办理措施落实情况.

The center draws a sample of the cases answered in a period (published or archived): a number or a
share of them, at random but seeded by the period, so the same draw comes out again; a case is drawn
once, ever. Each is checked with the writer or the unit and the result (措施已落实 / 部分落实 / 未落实,
with a note) recorded on the case; 未落实 is reopened by 重新办理. The counts are rows to aggregate.
Time: the weeks around National Day 2026 (10-01…10-08 off, 09-27 and 10-10 worked)."""
import datetime as dt

import pytest
import time_machine
from django.db import transaction

from minpan.cases import lookback
from minpan.cases.errors import NotPermitted, RuleViolation
from minpan.cases.models import Event, LookBackItem, LookBackSample
from minpan.cases.transitions import apply
from tests.desk.pages import act
from tests.flow import at, dispatched, fresh, refused

SINCE, UNTIL = dt.date(2026, 9, 21), dt.date(2026, 10, 16)
TODAY = at("2026-10-19 09:00")


def answered(city, policy="chizhou", *, on="2026-09-28 10:00", archive=False):
    channel = {"chizhou": "mayor_mailbox", "tongliao": "people_daily"}[policy]
    case = dispatched(city, policy, now=at("2026-09-21 09:00"), channel=channel)
    apply(case, "claim", actor=city.handler, now=at("2026-09-21 10:00"))
    apply(case, "draft", actor=city.handler, now=at("2026-09-22 09:00"), body="经核实，路灯已修复，并纳入月度巡检。",
          handler_name="李工", handler_phone="0566-2345678")
    level = {"chizhou": "deputy", "tongliao": "principal"}[policy]  # 第九条(五): 市长信箱 → 分管; 通辽 第十一条
    apply(case, "sign_off", actor=city.deputy if level == "deputy" else city.principal, now=at("2026-09-22 10:00"), sealed=True)
    if policy == "chizhou":
        apply(case, "callback", actor=city.handler, now=at("2026-09-22 11:00"), note="电话告知已修复。")
    apply(case, "submit", actor=city.handler, now=at("2026-09-22 11:30"))
    apply(case, "approve", actor=city.reviewer, now=at(on))
    case = apply(case, "publish", actor=city.operator, now=at(on), mode="public")
    if archive:
        case = apply(case, "archive", actor=city.operator, now=at(on) + dt.timedelta(hours=1))
    return case


def _chizhou_cases(city, n=4):
    # answered before, during (a makeup Saturday, 10-10) and after the holiday, one archived
    days = ["2026-09-28 10:00", "2026-09-30 15:00", "2026-10-10 10:00", "2026-10-16 16:00"][:n]
    return [answered(city, on=d, archive=i == 0) for i, d in enumerate(days)]


def test_a_sample_is_drawn_from_the_cases_answered_in_the_period_under_a_policy_that_looks_back(city):
    mine = _chizhou_cases(city)
    answered(city, on="2026-10-19 08:00")  # answered after the period
    answered(city, "tongliao", on="2026-09-29 10:00")  # 通辽 has no 回头看
    open_case = dispatched(city, "chizhou", now=at("2026-09-21 09:00"))  # not closed
    sample = lookback.draw(since=SINCE, until=UNTIL, size=10, by=city.operator, now=TODAY)
    assert sample.pool == 4
    assert sorted(sample.items.values_list("case", flat=True)) == sorted(c.pk for c in mine)
    assert not LookBackItem.objects.filter(case=open_case).exists()


def test_the_draw_is_random_but_the_same_period_draws_the_same_cases(city):
    _chizhou_cases(city)
    chosen = []
    for _ in range(2):
        with transaction.atomic():
            sample = lookback.draw(since=SINCE, until=UNTIL, size=2, by=city.operator, now=TODAY)
            chosen.append(sorted(sample.items.values_list("case", flat=True)))
            transaction.set_rollback(True)
    assert len(chosen[0]) == 2 and chosen[0] == chosen[1]
    assert sample.seed == "回头看:2026-09-21:2026-10-16"


def test_a_share_of_the_cases_and_never_a_case_already_looked_back_at(city):
    _chizhou_cases(city)
    first = lookback.draw(since=SINCE, until=UNTIL, percent=50, by=city.operator, now=TODAY)
    assert first.items.count() == 2 and first.percent == 50
    second = lookback.draw(since=SINCE, until=UNTIL, size=5, by=city.operator, now=TODAY)
    assert second.pool == 2 and not set(first.items.values_list("case", flat=True)) & set(second.items.values_list("case", flat=True))
    with pytest.raises(RuleViolation, match="没有可抽查"):
        lookback.draw(since=SINCE, until=UNTIL, size=1, by=city.operator, now=TODAY)


def test_a_draw_asks_a_size_or_a_share_and_a_past_period(city):
    for kw, message in [({"size": 2, "percent": 10}, "二选一"), ({}, "二选一"), ({"size": 0}, "抽取件数"),
                        ({"percent": 101}, "抽取比例")]:
        with pytest.raises(RuleViolation, match=message):
            lookback.draw(since=SINCE, until=UNTIL, by=city.operator, now=TODAY, **kw)
    with pytest.raises(RuleViolation, match="晚于"):
        lookback.draw(since=UNTIL, until=SINCE, size=1, by=city.operator, now=TODAY)
    with pytest.raises(RuleViolation, match="晚于今天"):
        lookback.draw(since=SINCE, until=dt.date(2026, 10, 20), size=1, by=city.operator, now=TODAY)


def test_the_result_is_recorded_on_the_case_and_not_done_is_reopened(city, client):
    case = answered(city, on="2026-09-30 15:00", archive=True)
    lookback.draw(since=SINCE, until=UNTIL, size=1, by=city.operator, now=TODAY)
    with time_machine.travel(TODAY, tick=False):
        client.force_login(city.operator)
        page = client.get(f"/desk/case/{case.pk}/").content.decode()
        assert "/do/look_back/" in page
        resp = act(client, city.operator, case, "look_back", result="not_done", via="writer",
                   text="10 月 19 日回访留言人：路灯仍时亮时灭，巡检未落实。")
        assert resp.status_code == 302, resp.content.decode()[:2000]
        page = client.get(f"/desk/case/{case.pk}/").content.decode()
        assert "/do/look_back/" not in page  # recorded once
        assert "回头看结果：未落实" in page and "核查方式：回访留言人" in page
        assert "回头看核查：办理措施未落实，重新交办。" in page  # 重新办理 offered beside it, with its reason
        listing = client.get("/desk/look-back/").content.decode()
        assert "已核查 1 件：措施已落实 0，部分落实 0，未落实 1" in listing and f"/desk/case/{case.pk}/#do-reopen" in listing
    item = LookBackItem.objects.get(case=case)
    assert (item.result, item.via) == ("not_done", "writer")
    event = Event.objects.get(case=case, action="look_back")
    assert event.data["result"] == "not_done" and event.note.startswith("10 月 19 日回访") and event.state_after == "archived"
    assert apply(case, "reopen", actor=city.operator, now=TODAY, reason="回头看核查：办理措施未落实，重新交办。").state == "registered"


def test_only_a_sampled_case_under_a_policy_that_looks_back_once_by_the_center(city):
    case = answered(city, on="2026-09-30 15:00")
    refused(case, RuleViolation, "look_back", actor=city.operator, result="done", via="unit", note="核查。")  # not sampled
    lookback.draw(since=SINCE, until=UNTIL, size=1, by=city.operator, now=TODAY)
    refused(case, NotPermitted, "look_back", actor=city.handler, result="done", via="unit", note="核查。")
    refused(case, RuleViolation, "look_back", actor=city.operator, result="done", via="unit", note="")
    refused(case, RuleViolation, "look_back", actor=city.operator, result="maybe", via="unit", note="核查。")
    apply(case, "look_back", actor=city.supervisor, result="partly", via="unit", note="住建局：巡检已排期，尚未开始。")
    refused(case, RuleViolation, "look_back", actor=city.operator, result="done", via="unit", note="再核查。")
    tongliao = answered(city, "tongliao", on="2026-09-29 10:00")
    LookBackItem.objects.create(sample=LookBackSample.objects.get(), case=tongliao)
    refused(tongliao, RuleViolation, "look_back", actor=city.operator, result="done", via="unit", note="核查。")


def test_the_counts_are_rows_to_aggregate_by_sample_and_result(city):
    cases = _chizhou_cases(city)
    lookback.draw(since=SINCE, until=UNTIL, size=4, by=city.operator, now=TODAY)
    for case, result in zip(cases, ["done", "done", "partly", "not_done"]):
        apply(fresh(case), "look_back", actor=city.operator, now=TODAY, result=result, via="writer", note="已回访。")
    row = lookback.samples().get()
    assert (row.drawn, row.checked, row.done, row.partly, row.not_done) == (4, 4, 2, 1, 1)


def test_the_desk_page_is_the_centers_and_the_draw_the_operators_or_supervisors(city, client, settings):
    settings.MINPAN_POLICY = "chizhou"
    _chizhou_cases(city, n=2)
    with time_machine.travel(TODAY, tick=False):
        client.force_login(city.handler)
        assert client.get("/desk/look-back/").status_code == 403
        client.force_login(city.reviewer)
        page = client.get("/desk/look-back/").content.decode()
        assert "回头看" in page and "/desk/look-back/draw/" not in page  # reads, does not draw
        assert client.post("/desk/look-back/draw/", {"since": "2026-09-21", "until": "2026-10-16", "size": "1"}).status_code == 403
        client.force_login(city.operator)
        assert 'href="/desk/look-back/"' in client.get("/desk/").content.decode()  # in the header under Chizhou
        resp = client.post("/desk/look-back/draw/", {"since": "2026-09-21", "until": "2026-10-16", "percent": "50"})
        assert resp.status_code == 302
        page = client.get("/desk/look-back/").content.decode()
        assert "从 2 件中抽取 1 件（50%）" in page and "待核查" in page
        resp = client.post("/desk/look-back/draw/", {"since": "2026-10-16", "until": "2026-09-21", "size": "1"})
        assert resp.status_code == 400 and "起始日期不能晚于结束日期" in resp.content.decode()
    assert LookBackSample.objects.count() == 1


def test_no_look_back_link_where_the_policy_has_none(city, client, settings):
    settings.MINPAN_POLICY = "tongliao"
    client.force_login(city.operator)
    assert 'href="/desk/look-back/"' not in client.get("/desk/").content.decode()


def test_it_is_a_setting_of_chizhou_alone_shown_in_the_admin(admin_client, settings):
    from minpan.policies.presets import PRESETS

    assert [name for name, p in PRESETS.items() if p.follow_up.look_back] == ["chizhou"]
    settings.MINPAN_POLICY = "chizhou"
    text = admin_client.get("/admin/policies/policyinforce/").content.decode()
    assert "follow_up.look_back" in text and "核查办理措施落实情况" in text
