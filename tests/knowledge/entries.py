"""Entries the knowledge tests share: one on 居住证, approved, in force from 2026."""
import datetime as dt

from minpan.knowledge import entries
from minpan.knowledge.models import Entry
from tests.flow import at

ANSWER = "办理居住证须在居住地连续居住满半年，持身份证、居住证明到居住地派出所申领，材料齐全的当场受理，15 个工作日内发证。"


def residence_permit(city, *, approve=True, valid_until=None, owner=None) -> Entry:
    entry = Entry(title="居住证怎么办理", questions="外地人办居住证需要什么材料\n居住证多久能拿到", answer=ANSWER,
                  basis="《居住证暂行条例》（国务院令第663号）", owner=owner or city.housing,
                  valid_from=dt.date(2026, 1, 1), valid_until=valid_until)
    return entries.save(entry, by=city.reviewer, approve=approve, now=at("2026-01-05 09:00"))


def consultation(city, now):
    from tests.flow import registered

    return registered(city, "yuncheng", now=now, msg_type="consult", subject="咨询居住证办理",
                      body="我是外地来本市务工人员，想办理居住证，请问需要准备哪些材料，多久能拿到？")
