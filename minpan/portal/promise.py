"""What the active policy means for the public pages: which channel the portal writes to,
whether the writer must leave a way to be reached, and the answer time it promises."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minpan.policies.codes import CHANNELS, MESSAGE_TYPES
from minpan.policies.rules import Policy
from minpan.workdays.arith import local_date
from minpan.workdays.service import calendar_around

# The channels a web form stands for, in order of preference.
WEB_CHANNELS = ("mayor_mailbox", "portal")
ERROR_CHANNEL = "website_error"


def web_channel(policy: Policy) -> str:
    for channel in WEB_CHANNELS:
        if channel in policy.channels:
            return channel
    return policy.channels[0]


def error_channel(policy: Policy) -> str | None:
    """我为政府网站找错 only where the policy runs that channel (Naiman 第五条)."""
    return ERROR_CHANNEL if ERROR_CHANNEL in policy.channels else None


def channel_label(channel: str) -> str:
    return CHANNELS[channel]


def contact_required(policy: Policy) -> bool:
    """A real name and a phone or e-mail are required where the policy turns away messages
    without them (不予受理: 无法联系留言人) or where someone must call the writer back."""
    f = policy.follow_up
    return (
        "no_identity" in policy.not_accepted_reasons
        or f.callback_by_unit or f.callback_before_submit or f.contact_before_handling
    )


def message_types(policy: Policy) -> list[tuple[str, str]]:
    return [(t, MESSAGE_TYPES[t]) for t in policy.message_types]


@dataclass(frozen=True)
class Promise:
    days: int
    starts: str           # 承办单位收到之日 / 承办单位认领之日
    if_today: dt.date  # the last day (until 24:00) if the unit received the message today

    @property
    def text(self) -> str:
        return f"自{self.starts}起 {self.days} 个工作日内答复"


def promise(policy: Policy, now: dt.datetime) -> Promise:
    """The answer time, stated honestly: the clock starts when the unit receives (or claims) it,
    after the center's review and dispatch, so the date is an example, not a due date."""
    today = local_date(now)
    days = policy.answer_working_days
    due = calendar_around(today, days).add(today, days)
    starts = "承办单位认领之日" if policy.clock_start == "claim" else "承办单位收到之日"
    return Promise(days=days, starts=starts, if_today=due)
