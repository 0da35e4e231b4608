"""POST /api/v1/cases/{id}/actions/{action}/ takes the action through transitions.apply with the
case page's own form: what the page refuses the API refuses with the same Chinese message (403 for
a post or unit that may not, 409 for a state that does not allow it, 400 for a form or a rule of
the policy), and what the page accepts the API does. Each pair runs on two cases made alike."""
from html import unescape

from minpan.cases.transitions import apply
from tests.desk.pages import act, state
from tests.flow import at, dispatched, fresh


def _drafted(city, now=None):
    case = dispatched(city, "tongliao", now=now)
    apply(case, "claim", actor=city.handler, now=now)
    return apply(case, "draft", actor=city.handler, body="已修复。", handler_name="李工", handler_phone="1", now=now)


def both(client, api_as, user, make, action, **params):
    """(page response, API response) for the same action on two cases made alike."""
    on_page, by_api = make(), make()
    page = act(client, user, on_page, action, **params)
    api = api_as(user).post(f"/api/v1/cases/{by_api.pk}/actions/{action}/", params)
    return page, api, on_page, by_api


def said_alike(api, page, by_api, on_page) -> bool:
    """The API's message is the page's, each naming its own case."""
    text = api.json()["detail"].replace(fresh(by_api).reference, fresh(on_page).reference)
    return text in unescape(page.content.decode())


def test_a_role_that_may_not_take_it_gets_403_on_both(client, city, api_as):
    page, api, on_page, by_api = both(client, api_as, city.operator, lambda: _drafted(city), "sign_off", sealed=True)
    assert page.status_code == 403 and api.status_code == 403
    assert said_alike(api, page, by_api, on_page)
    assert state(on_page) == state(by_api) == "drafted"


def test_the_policys_signer_is_asked_on_both(client, city, api_as):
    # Tongliao 第十一条: the answer is signed by the unit's principal, not a deputy
    page, api, on_page, by_api = both(client, api_as, city.deputy, lambda: _drafted(city), "sign_off", sealed=True)
    assert page.status_code == api.status_code == 403
    assert said_alike(api, page, by_api, on_page)
    assert state(by_api) == "drafted" and by_api.events.count() == 6


def test_a_state_that_moved_on_is_409_with_the_cores_message(city, api_as):
    case = dispatched(city, "tongliao")
    handler = api_as(city.handler)
    assert handler.post(f"/api/v1/cases/{case.pk}/actions/claim/").status_code == 200
    again = handler.post(f"/api/v1/cases/{case.pk}/actions/claim/")
    assert again.status_code == 409 and "不能执行“认领”" in again.json()["detail"]


def test_a_missing_field_is_400_by_field(client, city, api_as):
    page, api, _, by_api = both(client, api_as, city.handler, lambda: apply(dispatched(city, "tongliao"), "claim", actor=city.handler),
                                "draft", handler_name="李工")
    assert page.status_code == api.status_code == 400
    assert "body" in api.json()["errors"] and state(by_api) == "in_progress"


def test_a_rule_of_the_policy_is_400_with_its_article(client, city, api_as):
    # a return asked for long after the window (Tongliao: 收到次日起 1 个工作日内)
    page, api, on_page, by_api = both(client, api_as, city.deputy, lambda: dispatched(city, "tongliao", now=at("2026-02-02 10:00")),
                                      "return", reason="不属于本单位职责")
    assert page.status_code == api.status_code == 400
    assert "退办须在" in api.json()["detail"] and said_alike(api, page, by_api, on_page)
    assert state(by_api) == "dispatched"


def test_allowed_actions_go_through_and_the_answer_is_the_case(city, api_as):
    case = apply(dispatched(city, "tongliao"), "return", actor=city.deputy, reason="不属于本单位职责")
    operator = api_as(city.operator)
    resp = operator.post(f"/api/v1/cases/{case.pk}/actions/dispatch/", {"lead": city.education.pk, "co": []})
    assert resp.status_code == 200, resp.content
    assert resp.json()["case"]["state"] == "dispatched" and resp.json()["case"]["lead_unit"] == "市教育局"
    claimed = api_as(city.edu_handler).post(f"/api/v1/cases/{case.pk}/actions/claim/")
    assert claimed.status_code == 200 and claimed.json()["detail"].endswith("已认领。")
    assert case.events.order_by("-seq").first().actor_id == city.edu_handler.pk


def test_an_unknown_action_or_a_body_that_is_not_an_object(city, api_as):
    case = dispatched(city, "tongliao")
    handler = api_as(city.handler)
    assert handler.post(f"/api/v1/cases/{case.pk}/actions/rate/").status_code == 404
    assert handler.post(f"/api/v1/cases/{case.pk}/actions/no-such/").status_code == 404
    assert handler.post(f"/api/v1/cases/{case.pk}/actions/claim/", [1, 2]).status_code == 400
    assert handler.post(f"/api/v1/cases/{case.pk}/actions/claim/", {"x": {"y": 1}}).status_code == 400
    assert state(case) == "dispatched"
