"""Selector for pages: the reply check of a case's latest reply, under the case's own policy.

Relevance uses the built-in formula list, not an IDF table fitted on the database, so the page
and the flags recorded on the submit event (cases.effects) always agree for the same reply.
"""
from __future__ import annotations

from minpan.policies.active import policy_named
from minpan.textmine.replycheck import ReplyCheck, check_reply


def check_latest_reply(case) -> ReplyCheck | None:
    reply = case.replies.order_by("-version").first()
    if reply is None:
        return None
    return check_reply(
        title=case.subject, body=case.body, reply=reply.body,
        handler_name=reply.handler_name, handler_phone=reply.handler_phone,
        requirements=policy_named(case.policy_name).reply_content,
    )
