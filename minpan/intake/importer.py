"""One import run: every record of a channel's file becomes a received case, once.

A record already imported (same channel and channel id) is counted, not imported again, so a file
run twice imports nothing new. A record that cannot be a case is reported with its line and the
reason; the good ones are kept. An answered record from a channel's history becomes an archived
case with its real answer and answering unit (Action.IMPORT_ANSWERED), whole or not at all."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from django.db import transaction

from minpan.cases.errors import CaseError
from minpan.cases.models import Case
from minpan.cases.services import DuplicateMessage, case_collect
from minpan.cases.states import Action
from minpan.cases.transitions import apply
from minpan.policies.active import active_policy

from .formats import BadRecord, Format
from .reading import Record, Table
from .units import answering_unit


@dataclass
class Result:
    imported: int = 0
    already: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)   # (line, reason)


def run(table: Table, fmt: Format, *, progress: Callable[[list[Record]], Iterable[Record]] = lambda r: r) -> Result:
    columns = fmt.resolve(table.header)
    fmt = replace(fmt, channel=fmt.channel_under(active_policy().channels))
    result = Result()
    for record in progress(table.records):
        if record.bad:
            result.rejected.append((record.line, record.bad))
            continue
        try:
            message = fmt.message(record.values, columns)
        except BadRecord as exc:
            result.rejected.append((record.line, str(exc)))
            continue
        if Case.objects.filter(channel=message.channel, external_id=message.external_id).exists():
            result.already += 1
            continue
        try:
            with transaction.atomic():
                case, _ = case_collect(
                    channel=message.channel, subject=message.subject, body=message.body, citizen=message.citizen,
                    external_id=message.external_id, received_at=message.received_at, history=fmt.closed,
                )
                if fmt.closed:
                    apply(case, Action.IMPORT_ANSWERED, now=message.replied_at, unit=answering_unit(message.answering_unit),
                          reply=message.reply, replied_at=message.replied_at)
        except DuplicateMessage:
            result.already += 1   # imported meanwhile by another run
        except CaseError as exc:
            result.rejected.append((record.line, str(exc)))
            continue
        else:
            result.imported += 1
    return result
