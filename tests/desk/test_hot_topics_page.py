"""The 热点问题 page of a month and its DOCX section for the monthly report."""
import io

import time_machine
from docx import Document

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.textmine import hotcases
from tests.flow import at, collect

FUMES = [
    ("A5区幸福里小区楼下烧烤店油烟扰民", "幸福里小区一楼开了烧烤店，油烟直接排进楼里。联系电话13912345678"),
    ("幸福里小区底层餐馆油烟直排", "我家住A5区幸福里小区，楼下餐馆油烟直排，家里全是味道。"),
    ("A5区幸福里小区夜宵摊噪音到凌晨", "幸福里小区门口的夜宵摊每天吵到凌晨两点。"),
]


def writer(i):
    return {"name": f"居民{i}", "phone": f"1390000{i:04d}", "email": "", "id_number": ""}


def post(subject, body, when, i, likes=0):
    case = collect("tongliao", subject=subject, body=body, now=at(when), citizen=writer(i))
    if likes:
        Case.objects.filter(pk=case.pk).update(likes=likes)  # counted by the channel, not a state
    return case


def october(city):
    """Three messages on one estate's fumes in October, one in September; two one-off messages."""
    cases = [post(s, b, f"2026-10-{5 + i:02d} 10:00", i, likes=i) for i, (s, b) in enumerate(FUMES)]
    post("A5区幸福里小区楼下餐馆油烟扰民", "幸福里小区楼下油烟。", "2026-09-20 10:00", 9)
    cases.append(post("A7县东风路红绿灯时间太短", "东风路路口行人绿灯只有十秒。", "2026-10-12 10:00", 20))
    cases.append(post("咨询A市住房公积金贷款额度", "想了解住房公积金贷款最高额度。", "2026-10-13 10:00", 21))
    return cases


def test_center_operator_sees_the_months_topics_with_their_messages(client, city):
    cases = october(city)
    client.force_login(city.operator)
    resp = client.get("/desk/hot/?month=2026-10")
    assert resp.status_code == 200
    text = resp.content.decode()
    assert "2026年10月" in text and "A5区幸福里小区" in text
    assert text.index("A5区幸福里小区") < text.index("东风路")  # three messages rank above one
    for case in cases[:3]:
        assert f'href="/desk/case/{case.pk}/"' in text
    assert "↑ 200%" in text  # 3 this month against 1 in September


def test_a_month_defaults_to_the_last_full_month(client, city):
    october(city)
    client.force_login(city.leader)
    with time_machine.travel(at("2026-11-03 09:00")):
        text = client.get("/desk/hot/").content.decode()
    assert "2026年10月" in text and "幸福里" in text


def test_a_bad_month_is_explained(client, city):
    client.force_login(city.operator)
    resp = client.get("/desk/hot/?month=2026-13")
    assert resp.status_code == 400
    assert "月份格式应为 YYYY-MM" in resp.content.decode()


def test_a_unit_handler_may_not_see_hot_topics(client, city):
    october(city)
    client.force_login(city.handler)
    assert client.get("/desk/hot/?month=2026-10").status_code == 403
    assert client.get("/desk/hot/2026-10.docx").status_code == 403


def test_abusive_messages_turned_away_are_not_counted(city):
    october(city)
    noise = post("A5区幸福里小区油烟扰民", "骂人的话", "2026-10-20 10:00", 30)
    apply(noise, "not_accept", actor=city.operator, now=at("2026-10-20 11:00"), reason="unlawful_abusive",
          explanation="含侮辱性内容。", suggested_channel="12345 热线")
    report = hotcases.month_topics(month="2026-10")
    assert report.cases == 5
    assert all(noise.pk not in t.keys for t in report.topics)


def test_monthly_report_section_downloads_without_personal_data(client, city):
    october(city)
    Case.objects.filter(subject=FUMES[0][0]).update(subject="A5区幸福里小区楼下烧烤店油烟扰民 电话13912345678")
    client.force_login(city.reviewer)
    resp = client.get("/desk/hot/2026-10.docx")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    book = Document(io.BytesIO(resp.content))
    text = "\n".join([p.text for p in book.paragraphs] + [c.text for t in book.tables for r in t.rows for c in r.cells])
    assert "热点问题（2026年10月）" in text
    assert "幸福里" in text and "油烟" in text
    assert "13912345678" not in text and "139****5678" in text
    assert "居民0" not in text


def test_month_command_prints_the_same_ranking(city):
    october(city)
    out = io.StringIO()
    from django.core.management import call_command

    call_command("hot", "month", "2026-10", "--top", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "2026年10月: 5 条留言（上月 1 条），3 个话题"
    assert lines[1].startswith("1. A5区幸福里小区 · ") and "留言 3，点赞 3，上月 1，增长 +200%" in lines[1]
    assert "13912345678" not in out.getvalue()


def test_topics_can_be_ranked_by_likes_or_by_growth(client, city):
    october(city)
    post("B2区阳光幼儿园乱收费", "阳光幼儿园每学期另收兴趣班费用。", "2026-10-20 10:00", 40, likes=50)
    client.force_login(city.operator)

    def body(sort):
        return client.get(f"/desk/hot/?month=2026-10&sort={sort}").content.decode().split("<tbody>")[1]

    by_likes, by_growth = body("likes"), body("growth")
    assert by_likes.index("幼儿园") < by_likes.index("幸福里")  # 50 likes against 3
    assert by_growth.index("幸福里") < by_growth.index("幼儿园")  # 3 against 1 the month before: +2
    assert "<strong aria-current=\"true\">增长</strong>" in client.get("/desk/hot/?month=2026-10&sort=growth").content.decode()
