from minpan.cases.transitions import apply
from tests.desk.pages import act, state
from tests.flow import collect, dispatched


def _submitted(city):
    case = dispatched(city, "tongliao")
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="已修复。", handler_name="李工", handler_phone="1")
    apply(case, "sign_off", actor=city.principal, sealed=True)
    return apply(case, "submit", actor=city.handler)


def test_unit_handler_posting_approve_gets_403_and_nothing_changes(client, city):
    case = _submitted(city)
    events = case.events.count()
    resp = act(client, city.handler, case, "approve")
    assert resp.status_code == 403
    assert "无权" in resp.content.decode()
    assert state(case) == "submitted" and case.events.count() == events


def test_operator_posting_sign_off_gets_403(client, city):
    case = dispatched(city, "tongliao")
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="已修复。", handler_name="李工", handler_phone="1")
    assert act(client, city.operator, case, "sign_off", sealed="on").status_code == 403
    assert state(case) == "drafted"


def test_a_leader_posting_claim_gets_403(client, city):
    case = dispatched(city, "tongliao")
    assert act(client, city.principal, case, "claim").status_code == 403
    assert state(case) == "dispatched"


def test_a_co_unit_posting_the_leads_claim_gets_403(client, city):
    case = dispatched(city, "tongliao", co=[city.education])
    assert act(client, city.edu_handler, case, "claim").status_code == 403
    assert state(case) == "dispatched"


def test_reviewer_posting_not_accept_gets_403_even_with_a_bad_form(client, city):
    case = collect("tongliao")
    assert act(client, city.reviewer, case, "not_accept").status_code == 403
    assert state(case) == "received"


def test_a_deputy_signing_where_the_principal_must_gets_403(client, city):
    # Tongliao 第十一条: 主要负责人审签 — the table lets a deputy sign, the policy does not.
    case = dispatched(city, "tongliao")
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="已修复。", handler_name="李工", handler_phone="1")
    assert act(client, city.deputy, case, "sign_off", sealed="on").status_code == 403
    assert state(case) == "drafted"
