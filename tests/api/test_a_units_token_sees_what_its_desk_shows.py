"""A person's token reads exactly what the desk shows that person (cases.access): a unit its own
cases and its sub-units', another unit's case is 404 as on the page, and the writer's name and
contact only where the case page shows them (the policy's unit_sees_identity, a message about a
unit withheld from units, the center always)."""
from minpan.cases.transitions import apply
from tests.flow import CITIZEN, collect, dispatched, registered


def ids(resp) -> set[int]:
    assert resp.status_code == 200, resp.content
    return {row["id"] for row in resp.json()["results"]}


def test_a_handler_lists_only_its_units_cases(city, api_as):
    mine = dispatched(city, "tongliao")
    theirs = dispatched(city, "tongliao", lead=city.education)
    waiting = collect("tongliao")
    assert ids(api_as(city.handler).get("/api/v1/cases/")) == {mine.pk}
    assert ids(api_as(city.edu_handler).get("/api/v1/cases/")) == {theirs.pk}
    assert ids(api_as(city.operator).get("/api/v1/cases/")) >= {mine.pk, theirs.pk, waiting.pk}


def test_a_district_sees_its_streets_case(city, api_as):
    street = dispatched(city, "tongliao", lead=city.street)
    assert ids(api_as(city.district_handler).get("/api/v1/cases/")) == {street.pk}
    assert api_as(city.district_handler).get(f"/api/v1/cases/{street.pk}/").status_code == 200


def test_another_units_case_is_404(city, api_as):
    theirs = dispatched(city, "tongliao", lead=city.education)
    handler = api_as(city.handler)
    for url in (f"/api/v1/cases/{theirs.pk}/", "/api/v1/cases/999999/"):
        resp = handler.get(url)
        assert resp.status_code == 404 and resp.json()["detail"] == "没有这条留言"
    assert handler.post(f"/api/v1/cases/{theirs.pk}/actions/claim/").status_code == 404


def test_queue_and_state_filters_are_the_desks(city, api_as):
    waiting = collect("tongliao")
    ready = registered(city, "tongliao")
    operator = api_as(city.operator)
    assert ids(operator.get("/api/v1/cases/", queue="review")) == {waiting.pk}
    assert ids(operator.get("/api/v1/cases/", queue="dispatch")) == {ready.pk}
    assert ids(operator.get("/api/v1/cases/", state="received")) == {waiting.pk}
    assert ids(operator.get("/api/v1/cases/", q=ready.reg_no)) == {ready.pk}
    bad = operator.get("/api/v1/cases/", queue="nope")
    assert bad.status_code == 400 and "queue" in bad.json()["errors"]
    assert operator.get("/api/v1/cases/", state="nope").status_code == 400


def test_the_unit_sees_the_writer_where_the_policy_lets_it(city, api_as):
    case = dispatched(city, "tongliao")  # Tongliao: units see the writer (unit_sees_identity)
    resp = api_as(city.handler).get(f"/api/v1/cases/{case.pk}/")
    data = resp.json()
    assert data["writer"]["name"] == CITIZEN["name"] and data["writer"]["phone"] == CITIZEN["phone"]
    assert "no-store" in resp["Cache-Control"]  # personal data: kept out of caches like the desk's pages


def test_the_unit_does_not_see_the_writer_where_the_policy_hides_them(city, api_as):
    case = dispatched(city, "yuncheng")  # Yuncheng: the writer's identity stays with the center
    handler = api_as(city.handler).get(f"/api/v1/cases/{case.pk}/")
    assert handler.json()["writer"] is None
    assert CITIZEN["phone"] not in handler.content.decode() and CITIZEN["name"] not in handler.content.decode()
    assert api_as(city.operator).get(f"/api/v1/cases/{case.pk}/").json()["writer"]["name"] == CITIZEN["name"]


def test_a_message_about_a_unit_hides_the_writer_and_their_words_from_units(city, api_as):
    case = collect("tongliao", subject="王小明投诉市住建局", body="我是王小明，电话 13800138000，投诉市住建局不作为。")
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type="complaint", domain="urban", identity_withheld=True)
    apply(case, "dispatch", actor=city.operator, lead=city.housing, co=[])
    handler = api_as(city.handler)
    data = handler.get(f"/api/v1/cases/{case.pk}/").json()
    assert data["writer"] is None
    text = handler.get("/api/v1/cases/").content.decode() + handler.get(f"/api/v1/cases/{case.pk}/").content.decode()
    assert "13800138000" not in text and "王小明" not in text
    assert api_as(city.operator).get(f"/api/v1/cases/{case.pk}/").json()["subject"] == "王小明投诉市住建局"


def test_the_timeline_and_the_offered_actions_are_the_pages(city, api_as):
    case = dispatched(city, "tongliao")
    data = api_as(city.handler).get(f"/api/v1/cases/{case.pk}/").json()
    assert [s["action"] for s in data["timeline"]] == ["collect", "accept", "classify", "dispatch"]
    assert "claim" in {a["action"] for a in data["actions"]}
    assert "dispatch" not in {a["action"] for a in data["actions"]}


def test_a_unit_that_returned_the_case_sees_nothing_after(city, api_as):
    case = dispatched(city, "tongliao")
    apply(case, "return", actor=city.deputy, reason="不属于本单位职责")
    apply(case, "dispatch", actor=city.operator, lead=city.education, co=[])
    data = api_as(city.handler).get(f"/api/v1/cases/{case.pk}/").json()
    assert data["held"] is False and data["state"] is None and data["lead_unit"] is None
    assert data["writer"] is None and data["actions"] == []
    assert "市教育局" not in str(data["timeline"])
    row = api_as(city.handler).get("/api/v1/cases/").json()["results"][0]
    assert row["held"] is False and row["state_label"] == "本单位已不再承办"
