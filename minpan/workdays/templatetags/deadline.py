"""{{ case.due_at|deadline }}: a deadline as every page shows it (workdays.arith.deadline_text)."""
from __future__ import annotations

import datetime as dt

from django import template

from minpan.workdays.arith import deadline_text

register = template.Library()


@register.filter(name="deadline")
def deadline(moment: dt.datetime | None) -> str:
    """Empty for a case with no deadline: the template says what stands in its place."""
    return deadline_text(moment) if moment else ""
