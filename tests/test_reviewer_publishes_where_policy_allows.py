"""Who publishes an approved answer. Everywhere the 受理员; under Xizang 第五条(三) the office that
reviews the answer (政府督查室) also puts it online, so the reviewer publishes there too. Where the
reviewer may not, the approval tells them there is nothing left to do and the page offers nothing."""
import pytest

from minpan.cases.errors import NotPermitted
from minpan.cases.transitions import apply
from minpan.notify.models import Kind
from minpan.policies.presets import PRESETS
from tests.desk.pages import act, state
from tests.flow import at, dispatched, refused
from tests.notify.handoff import Step, make_reachable

MONDAY = at("2026-03-02 10:00")


def _submitted(city, policy):
    case = apply(dispatched(city, policy, now=MONDAY), "claim", actor=city.handler, now=MONDAY)
    if PRESETS[policy].follow_up.contact_before_handling:
        apply(case, "contact_writer", actor=city.handler, now=MONDAY, note="已电话联系留言人。")
    apply(case, "draft", actor=city.handler, now=MONDAY, body="经核实，已安排维修，三日内修复。",
          handler_name="李工", handler_phone="0891-6123456")
    if PRESETS[policy].sign_off.level_for(case.channel) is not None:
        apply(case, "sign_off", actor=city.principal, now=MONDAY, sealed=True)
    return apply(case, "submit", actor=city.handler, now=MONDAY)


def test_the_reviewer_publishes_under_xizang(city, client, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = _submitted(city, "xizang")
    # 第五条(二): the 督查室 prepares it and the 秘书长 approves it; the office then puts it online
    apply(case, "prepare", actor=city.reviewer, now=MONDAY)
    step = Step(django_capture_on_commit_callbacks, case, "approve", actor=city.leader, now=MONDAY)
    # the operator may publish too; the reviewer who prepared it hears the outcome
    assert step.told(Kind.TO_PUBLISH) == {"operator": 1, "reviewer": 1}
    client.force_login(city.reviewer)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "/do/publish/" in page
    resp = act(client, city.reviewer, case, "publish", mode="public", places=["people_daily_chairman"])
    assert resp.status_code == 302 and state(case) == "published"


def test_the_reviewer_under_tongliao_is_told_the_operator_publishes(city, client, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = _submitted(city, "tongliao")
    resp = act(client, city.reviewer, case, "approve")
    assert resp.status_code == 302
    page = client.get(resp["Location"]).content.decode()
    assert "已通知受理员发布答复，您无需再操作" in page
    assert "/do/publish/" not in page
    assert state(case) == "approved"


def test_the_core_refuses_the_reviewer_publishing_where_the_policy_has_the_operator_do_it(city):
    case = apply(_submitted(city, "tongliao"), "approve", actor=city.reviewer, now=MONDAY)
    refused(case, NotPermitted, "publish", actor=city.reviewer, mode="public")
    assert apply(case, "publish", actor=city.operator, mode="public").state == "published"


@pytest.mark.parametrize("policy", ["tongliao", "naiman", "yuncheng"])
def test_only_the_operators_are_asked_to_publish_elsewhere(city, policy, django_capture_on_commit_callbacks):
    make_reachable(city)
    case = _submitted(city, policy)
    step = Step(django_capture_on_commit_callbacks, case, "approve", actor=city.reviewer, now=MONDAY)
    assert step.told(Kind.TO_PUBLISH) == {"operator": 1}
