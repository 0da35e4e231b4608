"""Selector for pages and the submit effect: the reply check of a case's reply, under the case's own policy.

Relevance uses the built-in formula list, not an IDF table fitted on the database, so the page
and the flags recorded on the submit event (cases.effects) always agree for the same reply.
"""
from __future__ import annotations

from dataclasses import replace

from minpan.cases import hard_cases
from minpan.policies.active import policy_named
from minpan.textmine.replycheck import ReplyCheck, check_reply


def check_case_reply(case, reply, policy=None, *, hard_case: str | None = "") -> ReplyCheck:
    """The check of `reply` (a cases.Reply) against the message it answers. `hard_case`: where the
    case's hard-case request stands (cases.hard_cases.status), when the caller has read it already."""
    policy = policy or policy_named(case.policy_name)
    requirements = policy.reply_content
    if requirements.hard_case_explained and hard_case == "":
        hard_case = hard_cases.status(case)
    if requirements.hard_case_explained and hard_case == hard_cases.AGREED:
        # Tongliao 第十八条: the center agreed the matter is explained to the writer, not resolved;
        # an answer without a result is then what was agreed (before agreement it is flagged as ever)
        requirements = replace(requirements, requires_result_or_basis=False)
    return check_reply(
        title=case.subject, body=case.body, reply=reply.body,
        handler_name=reply.handler_name, handler_phone=reply.handler_phone,
        requirements=requirements,
    )


def check_latest_reply(case) -> ReplyCheck | None:
    reply = case.replies.order_by("-version").first()
    return None if reply is None else check_case_reply(case, reply)
