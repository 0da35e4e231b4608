"""The reviewer sees why a submitted reply may not answer the message (答复质量检查 on the case page)."""
from tests.test_submit_records_reply_flags import GOOD, submitted


def _page(client, user, case) -> str:
    client.force_login(user)
    return client.get(f"/desk/case/{case.pk}/").content.decode()


def test_reviewer_sees_a_perfunctory_reply_flagged_with_the_reason(client, city):
    case = submitted(city, "tongliao", body="您的留言已收悉，已转交有关部门处理，感谢您的关注。", now="2026-02-24 10:00",
                     handler_name="李工", handler_phone="0475-1234567")
    text = _page(client, city.reviewer, case)
    box = text[text.index("答复质量检查"):]
    box = box[:box.index("</section>")]
    assert "敷衍应付" in box
    assert "/do/send_back/" in text  # the reviewer decides; the check never blocks


def test_reviewer_sees_no_problem_for_a_complete_reply(client, city):
    case = submitted(city, "tongliao", body=GOOD, now="2026-02-24 10:00", handler_name="李工", handler_phone="0475-1234567")
    text = _page(client, city.reviewer, case)
    assert "未发现问题" in text[text.index("答复质量检查"):]


def test_reviewer_sees_a_missing_contact_named(client, city):
    case = submitted(city, "tongliao", body=GOOD, now="2026-02-24 10:00", handler_name="李工", handler_phone="待定")
    assert "未留联系方式" in _page(client, city.reviewer, case)
