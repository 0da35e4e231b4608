"""What the writer chose on the portal form, for staff: a hint beside the center's classification."""
from __future__ import annotations

from django import template
from django.core.exceptions import ObjectDoesNotExist

from minpan.cases.states import Domain, MessageType

register = template.Library()


@register.simple_tag
def writer_choice(case) -> str:
    """"投诉 · 城乡建设", or "" for a case that did not come through the portal form or chose nothing."""
    try:
        submission = case.portal_submission
    except ObjectDoesNotExist:
        return ""
    types, domains = dict(MessageType.choices), dict(Domain.choices)
    parts = [types.get(submission.suggested_type, submission.suggested_type),
             domains.get(submission.suggested_domain, submission.suggested_domain)]
    return " · ".join(str(p) for p in parts if p)
