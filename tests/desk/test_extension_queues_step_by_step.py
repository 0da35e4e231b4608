"""Tongliao 第十四条 逐级: a handler's extension request is the unit leader's work (延期待签批) until
signed, and only then the reviewer's (延期待审批); the reviewer is never shown a request he cannot decide."""
import time_machine

from minpan.cases.transitions import apply
from tests.flow import at, dispatched


def _page(client, user, slug):
    client.force_login(user)
    resp = client.get(f"/desk/q/{slug}/")
    assert resp.status_code == 200
    return resp.content.decode()


def test_a_request_waits_for_the_units_leader_before_the_reviewer_sees_it(client, city):
    with time_machine.travel(at("2026-02-25 10:00"), tick=False):
        case = dispatched(city, "tongliao", subject="待勘查的路灯")
        apply(case, "claim", actor=city.handler)
        apply(case, "request_extension", actor=city.handler, days=2, reason="待勘查。")
        leader = _page(client, city.deputy, "endorse")
        assert "待勘查的路灯" in leader and '延期待签批 <span class="count">1</span>' in leader
        reviewer = _page(client, city.reviewer, "extension")
        assert "待勘查的路灯" not in reviewer and '延期待审批 <span class="count">0</span>' in reviewer
        assert "/desk/q/endorse/" not in reviewer  # not the reviewer's tab

        apply(case, "endorse_extension", actor=city.deputy)
        reviewer = _page(client, city.reviewer, "extension")
        assert "待勘查的路灯" in reviewer and '延期待审批 <span class="count">1</span>' in reviewer
        assert "待勘查的路灯" not in _page(client, city.deputy, "endorse")
