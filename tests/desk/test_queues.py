import datetime as dt

import time_machine
from django.utils import timezone

from minpan.cases.transitions import apply
from tests.desk.many import many_cases
from tests.flow import at, collect, dispatched


def _get(client, user, url):
    client.force_login(user)
    resp = client.get(url)
    assert resp.status_code == 200
    return resp.content.decode()


def test_operator_sees_new_messages_in_pending_review_with_counts(client, city):
    collect("tongliao", subject="噪音扰民")
    collect("tongliao", subject="井盖缺失")
    text = _get(client, city.operator, "/desk/q/review/")
    assert "噪音扰民" in text and "井盖缺失" in text
    assert '待初审 <span class="count">2</span>' in text


def test_a_unit_sees_only_its_own_cases_to_claim(client, city):
    dispatched(city, "tongliao", subject="住建局的件")
    dispatched(city, "tongliao", subject="教育局的件", lead=city.education)
    text = _get(client, city.handler, "/desk/q/claim/")
    assert "住建局的件" in text and "教育局的件" not in text
    assert '待认领 <span class="count">1</span>' in text
    assert "/desk/q/review/" not in text  # the operator's tab is not on a unit's bar


def test_working_days_left_are_coloured_as_the_deadline_nears(client, city):
    with time_machine.travel(at("2026-09-29 10:00"), tick=False):
        case = dispatched(city, "tongliao", subject="节前的件")
        apply(case, "claim", actor=city.handler)
    # 5 working days: 30 Sep, 8, 9, 10 (makeup Saturday) and 12 Oct — due Mon 12 Oct 24:00
    with time_machine.travel(at("2026-10-09 10:00"), tick=False):
        assert '<span class="due soon">剩 2 个工作日</span>' in _get(client, city.handler, "/desk/q/working/")
        assert "节前的件" not in _get(client, city.handler, "/desk/q/due_soon/")
    with time_machine.travel(at("2026-10-10 10:00"), tick=False):
        text = _get(client, city.handler, "/desk/q/working/")
        assert '<span class="due near">剩 1 个工作日</span>' in text
        assert "节前的件" in _get(client, city.handler, "/desk/q/due_soon/")
        assert "节前的件" not in _get(client, city.handler, "/desk/q/overdue/")
    with time_machine.travel(at("2026-10-13 10:00"), tick=False):
        text = _get(client, city.handler, "/desk/q/overdue/")
        assert '<span class="due overdue">已逾期 1 个工作日</span>' in text
        assert '已逾期 <span class="count hot">1</span>' in text


def test_filters_search_and_sort(client, city):
    collect("tongliao", subject="供暖不足", body="暖气不热")
    collect("tongliao", subject="路灯不亮", body="晚上太黑", channel="people_daily_chairman")
    text = _get(client, city.operator, "/desk/q/review/?q=暖气")
    assert "供暖不足" in text and "路灯不亮" not in text
    text = _get(client, city.operator, "/desk/q/review/?channel=people_daily_chairman")
    assert "供暖不足" not in text and "路灯不亮" in text
    text = _get(client, city.operator, "/desk/q/review/?sort=received")
    assert text.index("路灯不亮") < text.index("供暖不足")
    today = timezone.localdate()
    assert "供暖不足" not in _get(client, city.operator, f"/desk/q/review/?until={today - dt.timedelta(days=1)}")


def test_htmx_gets_only_the_results(client, city):
    collect("tongliao", subject="供暖不足")
    client.force_login(city.operator)
    resp = client.get("/desk/q/review/?q=供暖", HTTP_HX_REQUEST="true")
    text = resp.content.decode()
    assert "供暖不足" in text and "<html" not in text


def test_pages_of_fifty(client, city):
    many_cases(60, state="received")
    text = _get(client, city.operator, "/desk/q/review/")
    assert "共 60 件" in text and "第 1 / 2 页" in text
    assert "第 2 / 2 页" in _get(client, city.operator, "/desk/q/review/?page=2")


def test_unknown_queue_is_404(client, city):
    client.force_login(city.operator)
    assert client.get("/desk/q/nope/").status_code == 404


def test_both_people_daily_boards_read_in_full(client, city):
    collect("tongliao", channel="people_daily", subject="市长板块的留言")
    collect("tongliao", channel="people_daily_chairman", subject="主席板块的留言")
    client.force_login(city.operator)
    page = client.get("/desk/q/review/").content.decode()
    assert "人民网领导留言板（市长板块）" in page and "人民网领导留言板（主席板块）" in page
