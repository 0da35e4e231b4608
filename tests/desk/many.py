"""Many cases at once for the list and query-count tests (rows only: no events, as a bulk import would)."""
import datetime as dt

from django.utils import timezone

from minpan.cases.models import Assignment, Case


def many_cases(n: int, *, state: str, lead=None, due_in_days: float | None = 3, start: int = 0, **fields) -> list[Case]:
    now = timezone.now()
    cases = Case.objects.bulk_create(
        Case(
            channel="people_daily", tracking_code=f"T{start + i:09d}", query_password="x", reg_no=f"2026-B{start + i:06d}",
            subject=f"第 {start + i} 号留言：小区供暖不足", body="室温只有 12 度。", received_at=now - dt.timedelta(hours=i + 1),
            policy_name="tongliao", state=state, msg_type="complaint", domain="urban", lead_unit=lead,
            due_at=now + dt.timedelta(days=due_in_days) if due_in_days is not None and lead else None, **fields,
        )
        for i in range(n)
    )
    if lead is not None:
        Assignment.objects.bulk_create(
            Assignment(case=c, unit=lead, role="lead", dispatched_at=now) for c in cases
        )
    return cases
