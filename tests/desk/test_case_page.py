import time_machine

from minpan.cases.transitions import apply
from tests.flow import at, collect, dispatched


def _page(client, user, case) -> str:
    """The case page as `user` sees it; a 404 is a failure here, so that a test of what
    someone does not see cannot pass because they could not open the page at all."""
    client.force_login(user)
    resp = client.get(f"/desk/case/{case.pk}/")
    assert resp.status_code == 200, f"{user} got {resp.status_code} for the case page"
    return resp.content.decode()


def test_operator_sees_message_citizen_and_the_review_forms(client, city):
    case = collect("tongliao")
    text = _page(client, city.operator, case)
    assert "小区路灯不亮" in text and "幸福小区 3 号楼前路灯坏了一个月" in text
    assert "王小明" in text and "13800138000" in text
    assert f'action="/desk/case/{case.pk}/do/accept/"' in text
    assert f'action="/desk/case/{case.pk}/do/not_accept/"' in text
    assert "/do/dispatch/" not in text  # not yet: the case is 待初审
    assert "收集" in text  # the timeline


def test_unit_handler_sees_deadline_and_claim(client, city):
    with time_machine.travel(at("2026-09-29 10:00"), tick=False):
        case = dispatched(city, "tongliao")
        text = _page(client, city.handler, case)
        deputy = _page(client, city.deputy, case)  # on the day of receipt: the return window is open
    assert "王小明" in text  # Tongliao lets the handling unit contact the writer
    assert "/do/claim/" in text
    assert "/do/return/" not in text  # Tongliao 第十五条: a return is signed by the 分管 leader
    assert "/do/return/" in deputy
    assert "/do/accept/" not in text and "/do/approve/" not in text
    assert "市住建局" in text
    # dispatched Tue 29 Sep before National Day: 30 Sep, 8, 9, 10 (makeup Saturday), 12 Oct
    assert "剩 5 个工作日" in text


def test_principal_is_offered_sign_off_but_not_the_handler(client, city):
    case = dispatched(city, "tongliao")
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="已修复。", handler_name="李工", handler_phone="0475-1234567")
    assert "/do/sign_off/" in _page(client, city.principal, case)
    text = _page(client, city.handler, case)
    assert "/do/sign_off/" not in text


def test_co_unit_is_offered_its_input_only(client, city):
    case = dispatched(city, "tongliao", co=[city.education])
    text = _page(client, city.edu_handler, case)
    assert "/do/co_input/" in text
    assert "/do/claim/" not in text


def test_unit_never_sees_the_writer_of_a_complaint_about_units(client, city):
    case = collect("tongliao")
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type="complaint", domain="urban", identity_withheld=True)
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    text = _page(client, city.handler, case)
    # no 留言人 section; the word itself may appear (the writer's files are "仅向受理中心显示")
    assert "王小明" not in text and "13800138000" not in text and 'aria-label="留言人"' not in text
    assert "王小明" in _page(client, city.operator, case)


def test_yuncheng_units_do_not_see_the_writer(client, city):
    case = dispatched(city, "yuncheng")
    text = _page(client, city.handler, case)
    assert "王小明" not in text


def test_a_deputy_is_not_offered_a_sign_off_the_principal_must_give(client, city):
    case = dispatched(city, "tongliao")
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="已修复。", handler_name="李工", handler_phone="1")
    assert "/do/sign_off/" not in _page(client, city.deputy, case)


def test_naiman_offers_no_return_and_no_extension(client, city):
    case = dispatched(city, "naiman")
    apply(case, "claim", actor=city.handler)
    text = _page(client, city.handler, case)
    assert "/do/draft/" in text
    assert "/do/return/" not in text and "/do/request_extension/" not in text
