"""Between the people working a case: internal notes (内部批注) and the center's own 催办.
Neither changes the state; the text is the event's note, read on the staff timeline only
(the writer's page, portal.own_case, lists the public steps and neither is one)."""
from __future__ import annotations

from ..states import Action
from .base import effect, required


@effect(Action.NOTE)
def note(ctx):
    # The note is apply()'s `note`, kept on the event: the timeline shows it.
    required(ctx.note, "批注内容")
    return {}


@effect(Action.CENTER_URGE)
def center_urge(ctx):
    """中心催办: the center urges the lead unit by hand (a call, an SMS), with an optional text.

    It counts as a prompt like the sweep's 催办: Yuncheng 五(三) has the center urge 'by phone or
    SMS before the deadline', and 五(四) counts those urges ('经两次催办仍超过办理时限3个工作日…')
    before a written criticism, which is the ladder's min_prompts. What was said is apply()'s
    `note`, optional."""
    ctx.case.prompts += 1
    return {"prompts": ctx.case.prompts}
