"""The writer is told (registered in apps.NotifyConfig.ready): accepted, not accepted, why a late
answer is late (where the policy asks it), extension approved, answer published, called back. One
notice per applied action, after its commit, by SMS and to a confirmed e-mail address
(api.notify_citizen), in the wording of to_writer.

A second publication after a reopen is a second event, and a second notice: the answer changed.
"""
from __future__ import annotations

from minpan.cases import hooks
from minpan.cases.hooks import Applied, Listener
from minpan.cases.states import Action, State

from . import to_writer
from .api import notify_citizen
from .models import Kind


def tell_writer_accepted(applied: Applied) -> None:
    # 受理 and 分类登记 are one sitting at the center's desk; the notice waits for the second, which
    # gives the 登记编号. Only the first registration after acceptance: a re-classification of a
    # returned or reopened case is not news to the writer.
    if applied.before != State.ACCEPTED:
        return
    case = applied.case
    notify_citizen(case, Kind.TO_WRITER_ACCEPTED, **to_writer.accepted_facts(case))


def tell_writer_not_accepted(applied: Applied) -> None:
    case = applied.case
    notify_citizen(case, Kind.TO_WRITER_NOT_ACCEPTED, **to_writer.not_accepted_facts(case))


def _sentence(text: object) -> str:
    text = str(text or "").strip()
    return text + "。" if text and text[-1] not in "。！？.!?" else text


def tell_writer_late(applied: Applied) -> None:
    # Xizang 第五条(四): a request made after the deadline carries the unit's explanation for the
    # writer (explain_late_to_writer); only that explanation goes out, never the request itself
    if not applied.data.get("late"):
        return
    note = applied.case.extensions.order_by("-requested_at", "-pk").values_list("writer_note", flat=True).first()
    if note:
        notify_citizen(applied.case, Kind.TO_WRITER_LATE, explanation=_sentence(note))


def tell_writer_extended(applied: Applied) -> None:
    # the case as the approval left it: its deadline is the new one. Approved after the deadline
    # passed, it carries the unit's explanation written for the writer (Xizang 第五条(四)).
    notify_citizen(applied.case, Kind.TO_WRITER_EXTENDED, explanation=_sentence(applied.data.get("writer_note")))


def tell_writer_published(applied: Applied) -> None:
    case = applied.case
    notify_citizen(case, Kind.TO_WRITER_PUBLISHED, **to_writer.published_facts(case))


def tell_writer_called_back(applied: Applied) -> None:
    notify_citizen(applied.case, Kind.TO_WRITER_CALLBACK)


LISTENERS: dict[Action, Listener] = {
    Action.CLASSIFY: tell_writer_accepted,
    Action.NOT_ACCEPT: tell_writer_not_accepted,
    Action.REQUEST_EXTENSION: tell_writer_late,
    Action.APPROVE_EXTENSION: tell_writer_extended,
    Action.PUBLISH: tell_writer_published,
    Action.CALLBACK: tell_writer_called_back,
}


def register() -> None:
    for action, fn in LISTENERS.items():
        hooks.listen(action, fn)
