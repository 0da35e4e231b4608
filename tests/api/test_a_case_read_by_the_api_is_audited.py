"""Reading a case through the API is recorded like opening its page (minpan.audit.trail.VIEWED):
who, which case, and whether the writer's identity was shown; a refusal is recorded too."""
from minpan.audit.models import AuditEntry, Result, What
from tests.flow import dispatched


def test_a_case_read_with_a_token_is_in_the_audit_trail(city, api_as):
    case = dispatched(city, "tongliao")
    assert api_as(city.handler).get(f"/api/v1/cases/{case.pk}/").status_code == 200
    entry = AuditEntry.objects.get(action=What.VIEW_CASE)
    assert (entry.user_id, entry.object_id, entry.result) == (city.handler.pk, str(case.pk), Result.ALLOWED)
    assert "留言人身份" in entry.detail


def test_another_units_case_asked_for_is_recorded_as_refused(city, api_as):
    case = dispatched(city, "tongliao")
    assert api_as(city.edu_handler).get(f"/api/v1/cases/{case.pk}/").status_code == 404
    assert AuditEntry.objects.filter(action=What.ACCESS, result=Result.DENIED, user_id=city.edu_handler.pk).exists()
