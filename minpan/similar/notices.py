"""The standard wording when a message is turned away as a duplicate (重复事项). Pure text."""
from __future__ import annotations

from minpan.cases.states import State
from minpan.policies.active import policy_named
from minpan.workdays.arith import SHANGHAI

DONE = (State.PUBLISHED, State.ARCHIVED)


def duplicate_explanation(earlier_case, policy=None) -> str:
    """不予受理说明 for a repeat of `earlier_case`: names it by reference and date, never its text,
    writer or unit. The documents list "正在办理过程中或办理完毕的重复事项" as not accepted and ask
    for an explanation with a suggestion (Tongliao 第五条, Naiman 第七条(六), Xizang 第四条)."""
    policy = policy or policy_named(earlier_case.policy_name)
    received = earlier_case.received_at.astimezone(SHANGHAI)
    where = "已办结" if earlier_case.state in DONE else "正在办理"
    return (
        f"您反映的问题与 {received:%Y年%-m月%-d日} 收到的留言 {earlier_case.reference} 属同一事项，该留言{where}。"
        f"依据《{policy.document}》，正在办理或已办结的重复事项不再重复受理。"
        f"办理结果将在 {earlier_case.reference} 的答复中一并说明，公开答复可在本网站“留言答复”栏目查阅。"
    )


def duplicate_channel(earlier_case) -> str:
    """The suggested channel that goes with the explanation."""
    return f"关注留言 {earlier_case.reference} 的公开答复；如有新的情况，可另行留言说明或拨打 12345 热线"
