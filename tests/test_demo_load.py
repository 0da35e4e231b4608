"""`minpan demo load`: the fictional city 示范市, its accounts and cases in every state, under each preset."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from minpan.cases.models import Assignment, Case, Event, ExtensionRequest
from minpan.cases.states import HELD_BY_UNIT, State
from minpan.demo.plan import reachable_states
from minpan.policies.presets import PRESETS
from minpan.units.models import Level, Membership, Unit
from minpan.units.roles import Role

STAFF_ROLES = [r for r in Role if r not in (Role.CITIZEN, Role.SYSTEM)]


def demo(*args) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict:
    return {
        "units": Unit.objects.count(), "users": get_user_model().objects.count(),
        "posts": Membership.objects.count(), "cases": Case.objects.count(), "events": Event.objects.count(),
        "assignments": Assignment.objects.count(), "extensions": ExtensionRequest.objects.count(),
    }


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_small_demo_under_each_policy(db, settings, name):
    settings.MINPAN_POLICY = name
    policy = PRESETS[name]
    out = demo("load", "--cases", "60")

    assert Unit.objects.count() >= 35
    assert {Level.CENTER, Level.CITY, Level.COUNTY, Level.TOWNSHIP} <= set(Unit.objects.values_list("level", flat=True))
    assert Unit.objects.filter(level=Level.TOWNSHIP, parent__level=Level.COUNTY).count() >= 10
    for role in STAFF_ROLES:
        assert Membership.objects.filter(role=role).exists(), role
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert {Role.CENTER_OPERATOR, Role.CENTER_REVIEWER} <= set(admin.memberships.values_list("role", flat=True))

    cases = Case.objects.filter(external_id__startswith="demo-")
    assert cases.count() == 60
    states = set(cases.values_list("state", flat=True))
    assert states == {s.value for s in reachable_states(policy)}
    # Only the policy can rule a state out: no 退办 (Naiman, Chizhou), no unit sign-off (Yuncheng, Xizang).
    assert set(State) - reachable_states(policy) <= {State.RETURNED, State.SIGNED}
    assert set(cases.values_list("channel", flat=True)) <= set(policy.channels)
    assert set(cases.exclude(msg_type="").values_list("msg_type", flat=True)) <= set(policy.message_types)
    assert set(cases.values_list("policy_name", flat=True)) == {name}

    now = timezone.now()
    assert cases.filter(state__in=HELD_BY_UNIT, due_at__lt=now).exists(), "some overdue cases"
    assert cases.filter(supervised=True).exists()
    assert cases.filter(send_back_count__gt=0).exists()
    assert cases.filter(reopened_count__gt=0).exists()
    assert cases.filter(state=State.NOT_ACCEPTED).exclude(not_accepted_explanation="").exists()
    assert Assignment.objects.filter(role="co").exclude(co_input="").exists()
    assert cases.filter(replies__by_center=True).exists()
    if policy.extension.allowed:
        assert cases.filter(extension_pending=True).exists()
        assert ExtensionRequest.objects.filter(state="approved").exists()
    if policy.return_rule.allowed:
        assert Assignment.objects.exclude(returned_at=None).exists()
    if policy.review.final_approver:
        # Xizang 第五条(二): every approval is the 秘书长's, of an answer the 督查室 prepared
        approvals = Event.objects.filter(case__in=cases, action="approve")
        assert approvals.exists() and set(approvals.values_list("role", flat=True)) == {policy.review.final_approver}
        assert Event.objects.filter(case__in=cases, action="prepare").count() >= approvals.count()
    if policy.extension.needs_progress:
        assert not ExtensionRequest.objects.filter(progress="").exists()
    # Tongliao 第十八条: a hard case explained with the center's agreement; Yuncheng 五(二): a meeting's limit
    assert Event.objects.filter(case__in=cases, action="agree_hard_case").exists() == policy.reply_content.hard_case_explained
    assert cases.exclude(coordinated_due=None).exists() == policy.escalation.coordination_meetings

    # never in the future, strictly in order, inside the demo's ~60 days
    assert not Event.objects.filter(at__gt=now).exists()
    assert not cases.filter(received_at__lt=now - timezone.timedelta(days=62)).exists()
    for case in cases:
        times = list(case.events.order_by("seq").values_list("at", flat=True))
        assert all(a < b for a, b in zip(times, times[1:])), case.external_id

    assert "演示账号" in out and "admin" in out and "shizhang" in out

    before = counts()
    again = demo("load", "--cases", "60")
    assert counts() == before
    assert "留言新建 0 件、已存在跳过 60 件" in again

    audit = io.StringIO()
    call_command("audit", "verify", stdout=audit)
    assert "OK" in audit.getvalue()


def test_more_cases_later_adds_only_the_new_ones(db):
    demo("load", "--cases", "20")
    first = set(Case.objects.values_list("external_id", flat=True))
    demo("load", "--cases", "30")
    ids = set(Case.objects.values_list("external_id", flat=True))
    assert first < ids and len(ids) == 30


def test_demo_password_from_the_environment(db, settings):
    settings.MINPAN_DEMO_PASSWORD = "another-demo-pass-2026"  # what MINPAN_DEMO_PASSWORD sets
    out = demo("load", "--cases", "0")
    assert get_user_model().objects.get(username="zhujian_jb").check_password("another-demo-pass-2026")
    assert "another-demo-pass-2026" not in out
    assert "MINPAN_DEMO_PASSWORD" in out


def test_default_password_and_full_account_list(db, settings):
    settings.MINPAN_DEMO_PASSWORD = ""
    demo("load", "--cases", "0")
    assert get_user_model().objects.get(username="shouli").check_password("minpan-demo-2026")
    listing = demo("accounts")
    for username in get_user_model().objects.values_list("username", flat=True):
        assert username in listing
