"""Small steps the tests share: collect a message and move it along through the one transition function."""
import datetime as dt

from minpan.cases.services import case_collect
from minpan.cases.transitions import apply
from minpan.workdays.arith import SHANGHAI

CITIZEN = {"name": "王小明", "phone": "13800138000", "email": "wxm@example.cn", "id_number": "110101199003071234"}


def at(text: str) -> dt.datetime:
    """'2026-02-13 10:00' in Asia/Shanghai."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def collect(policy: str, *, channel: str | None = None, now=None, citizen=None, **kw):
    from minpan.policies.active import policy_named

    case, _ = case_collect(
        channel=channel or policy_named(policy).channels[0], subject=kw.pop("subject", "小区路灯不亮"),
        body=kw.pop("body", "幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，请尽快修复。"),
        citizen=CITIZEN if citizen is None else citizen, policy_name=policy, received_at=now, **kw,
    )
    return case


def registered(city, policy: str, *, now=None, msg_type=None, **kw):
    from minpan.policies.active import policy_named

    case = collect(policy, now=now, **kw)
    apply(case, "accept", actor=city.operator, now=now)
    return apply(case, "classify", actor=city.operator, now=now,
                 msg_type=msg_type or policy_named(policy).message_types[0], domain="urban")


def dispatched(city, policy: str, *, now=None, lead=None, co=(), **kw):
    case = registered(city, policy, now=now, **kw)
    return apply(case, "dispatch", actor=city.operator, now=now, lead=lead or city.housing, co=list(co))


def fresh(case):
    from minpan.cases.models import Case

    return Case.objects.get(pk=case.pk)


def refused(case, exc, action, **kw):
    """Apply must raise `exc` and leave the case exactly as it was."""
    import pytest

    before = fresh(case)
    events = before.events.count()
    with pytest.raises(exc):
        apply(case, action, **kw)
    after = fresh(case)
    assert after.state == before.state
    assert after.events.count() == events
    assert after.due_at == before.due_at
    assert after.extension_days == before.extension_days
    assert after.lead_unit_id == before.lead_unit_id
    return after
