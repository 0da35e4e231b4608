import datetime as dt

from minpan.cases.models import Event
from minpan.notify.sweep import sweep
from minpan.workdays.arith import SHANGHAI

SYSTEM_STEPS = ("remind", "urge", "supervise", "transfer", "criticise", "account", "nudge", "alarm")


def sweep_through(first: str, last: str, times=("00:01", "08:31", "12:00", "18:00")) -> None:
    """Sweep a few times a day from `first` to `last` (dates), as a running worker would."""
    day = dt.date.fromisoformat(first)
    end = dt.date.fromisoformat(last)
    while day <= end:
        for t in times:
            hh, mm = map(int, t.split(":"))
            sweep(dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI))
        day += dt.timedelta(days=1)


def steps(case) -> list[tuple[str, str]]:
    """(action, local date) of each sweep step on the case, in order."""
    rows = Event.objects.filter(case=case, action__in=SYSTEM_STEPS).order_by("seq")
    return [(e.action, f"{e.at.astimezone(SHANGHAI):%Y-%m-%d %H:%M}") for e in rows]
