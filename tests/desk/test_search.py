"""The search box of the queues (`?q=`): subject, body or registration number, only within what
the user may see; on PostgreSQL a query of three characters or more can use the trigram indexes."""
import pytest
from django.db import connection, transaction

from minpan.cases.access import visible_cases
from minpan.desk.queues import BY_SLUG, QueueFilter
from tests.flow import collect, dispatched


def _found(client, user, url) -> str:
    client.force_login(user)
    resp = client.get(url)
    assert resp.status_code == 200
    return resp.content.decode()


def test_operator_finds_a_message_by_a_word_of_its_subject_or_body(client, city):
    collect("tongliao", subject="广场舞噪音扰民", body="每晚十点以后还在跳。")
    collect("tongliao", subject="路灯不亮", body="幸福花园门口一片漆黑。")
    for q, expected, other in [("广场舞", "广场舞噪音扰民", "路灯不亮"), ("幸福花园门口", "路灯不亮", "广场舞噪音扰民"),
                               ("路灯", "路灯不亮", "广场舞噪音扰民"), ("舞", "广场舞噪音扰民", "路灯不亮")]:
        text = _found(client, city.operator, f"/desk/q/review/?q={q}")
        assert expected in text and other not in text, q


def test_latin_letters_match_whatever_their_case(client, city):
    collect("tongliao", subject="ETC 扣费异常", body="高速公路 etc 通道重复扣费。")
    assert "ETC 扣费异常" in _found(client, city.operator, "/desk/q/review/?q=Etc")
    assert "ETC 扣费异常" in _found(client, city.operator, "/desk/q/review/?q=通道重复")


def test_operator_finds_a_case_by_its_registration_number(client, city):
    case = dispatched(city, "tongliao", subject="按编号找的件")
    text = _found(client, city.operator, f"/desk/q/all/?q={case.reg_no}")
    assert "按编号找的件" in text


def test_a_unit_finds_only_its_own_cases(client, city):
    dispatched(city, "tongliao", subject="住建局：小区供暖不足")
    other = dispatched(city, "tongliao", subject="教育局：学校供暖不足", lead=city.education)
    text = _found(client, city.handler, "/desk/q/all/?q=供暖不足")
    assert "住建局：小区供暖不足" in text and "教育局：学校供暖不足" not in text
    assert "教育局：学校供暖不足" not in _found(client, city.handler, f"/desk/q/all/?q={other.reg_no}")
    assert "教育局：学校供暖不足" in _found(client, city.edu_handler, "/desk/q/all/?q=供暖不足")


def test_a_search_counts_what_it_found_not_the_whole_tab(client, city):
    collect("tongliao", subject="井盖缺失")
    collect("tongliao", subject="井盖松动")
    collect("tongliao", subject="噪音扰民")
    text = _found(client, city.operator, "/desk/q/review/?q=井盖")
    assert "共 2 件" in text and '待初审 <span class="count">3</span>' in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram indexes exist on PostgreSQL only")
@pytest.mark.parametrize("q", ["广场舞", "幸福花园门口", "ETC"])
def test_three_characters_or_more_can_use_the_trigram_indexes(city, q):
    # The indexes are on the very expressions Django writes for icontains (UPPER(col::text));
    # if Django ever writes them differently the search silently goes back to a scan.
    queue = BY_SLUG["all"]
    qs = QueueFilter({"q": q}).filter(visible_cases(city.operator).filter(queue.where(None)), queue.order)
    sql, params = qs.order_by().query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cur:
        # a test table is tiny: leave the planner only bitmap scans, which it can build for
        # this filter from indexes that match its expressions, and from nothing else
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_indexscan = off")
        cur.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cur.fetchall())
    assert "case_search_subject_trgm" in plan and "case_search_body_trgm" in plan, plan
