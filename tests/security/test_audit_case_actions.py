"""Dispatch, the reply (signed, submitted; or answered by the center) and its publication are on
the audit trail, written after the action commits (the core's hooks), with the address."""
import pytest
from django.test import Client

from minpan.audit.models import AuditEntry
from minpan.cases.transitions import apply
from tests.flow import dispatched, registered


def trail():
    return list(AuditEntry.objects.filter(object_type="case").order_by("id").values_list("action", "user_id", "role", "object_id", "result"))


def test_a_case_from_dispatch_to_publication(city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = dispatched(city, "tongliao", may_publish=True)
        apply(case, "claim", actor=city.handler)
        apply(case, "draft", actor=city.handler, body="已修复。", handler_name="李工", handler_phone="0475-8123456")
        apply(case, "sign_off", actor=city.principal, sealed=True)
        apply(case, "submit", actor=city.handler)
        apply(case, "approve", actor=city.reviewer)
        apply(case, "publish", actor=city.operator, mode="public")
    pk = str(case.pk)
    assert trail() == [
        ("dispatch", city.operator.pk, "center_operator", pk, "allowed"),
        ("sign_off", city.principal.pk, "unit_principal", pk, "allowed"),
        ("submit", city.handler.pk, "unit_handler", pk, "allowed"),
        ("publish", city.operator.pk, "center_operator", pk, "allowed"),
    ]
    assert AuditEntry.objects.filter(detail=case.reference).count() == 4


def test_a_rolled_back_action_leaves_no_entry(city, django_capture_on_commit_callbacks):
    case = registered(city, "tongliao")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            apply(case, "dispatch", actor=city.handler, lead=city.housing)  # a unit may not dispatch
        except Exception:
            pass
    assert trail() == []


# Outside a test transaction: the listener runs at the commit, inside the request, as in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_dispatch_through_the_desk_carries_the_clients_address(city, settings):
    settings.MINPAN_TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    case = registered(city, "tongliao")
    client = Client(HTTP_X_REAL_IP="198.51.100.4")
    client.force_login(city.operator)
    resp = client.post(f"/desk/case/{case.pk}/do/dispatch/", {"dispatch-lead": city.housing.pk})
    assert resp.status_code == 302, resp.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="dispatch")
    assert (entry.address, entry.user_id) == ("198.51.100.4", city.operator.pk)
