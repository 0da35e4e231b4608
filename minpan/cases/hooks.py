"""How the core tells the apps built on it that an action was applied, without importing them.

`transitions.apply`, `transitions.apply_batch` and `services.case_collect` announce every
action they apply. The apps above the core (notify, textmine, similar, …) register in their
`AppConfig.ready()`, in one of two kinds:

- `listen(action, fn)`: `fn(applied)` runs **after commit**, once the action is safely
  recorded. This is the default: notifications, queued work, anything that may fail or
  wait. A listener that raises is logged and the next one runs; it never undoes the action.
- `contribute(action, fn)`: `fn(applied)` runs **inside** the action's transaction, with the
  case locked, after the effect and the deadlines, before the event is written. Only for what
  must commit or roll back with the action, or whose result the event records: it may return
  a dict of keys to add to the event's data (never to replace the effect's), and an exception
  it raises (a CaseError to refuse) rolls the whole action back. The sweep's batch steps
  take no contributors: they write no rows but their own.
- `later(action, fn)`: `fn(applied)` is work that may wait a few seconds but must not be
  lost (the near-duplicate index, a webhook call of the arrival, the writer's receipt). Where
  the caller defers the follow-up (the portal: `case_collect(defer=...)`), it runs in the
  worker from one job queued inside the action's transaction — committed with the action, so
  it waits while the worker is down and is never lost — followed by the `listen` functions.
  Otherwise it runs inside the transaction like a contributor that adds nothing to the event.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Case, FollowedStep
from .states import Action

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Applied:
    """One applied action, as the event records it."""

    case: Case
    action: Action
    actor: Any | None  # the user; None for the system and the writer
    role: str
    unit: Any | None  # the actor's unit (units.Unit), None at the center's system and the writer
    policy: Any  # the case's policies.Policy
    at: dt.datetime  # the event's time
    before: str  # the state before ("" when collected)
    after: str
    note: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)  # the event's data
    # what a deferring caller hands on to the `later` functions (the portal: the site the writer
    # used, for the e-mail confirmation link); not recorded in the event
    context: Mapping[str, Any] = field(default_factory=dict)


Contributor = Callable[[Applied], "Mapping[str, Any] | None"]
Listener = Callable[[Applied], None]

CONTRIBUTORS: dict[Action, list[Contributor]] = {}
LISTENERS: dict[Action, list[Listener]] = {}
LATER: dict[Action, list[Listener]] = {}


def contribute(action: Action | str, fn: Contributor) -> Contributor:
    """Run `fn` inside the transaction of every `action` (see the module's docstring)."""
    _add(CONTRIBUTORS, action, fn)
    return fn


def listen(action: Action | str, fn: Listener) -> Listener:
    """Run `fn` after the commit of every `action` (see the module's docstring)."""
    _add(LISTENERS, action, fn)
    return fn


def later(action: Action | str, fn: Listener) -> Listener:
    """Run `fn` in the worker where the caller defers, else in the transaction (module docstring)."""
    _add(LATER, action, fn)
    return fn


def _add(registry: dict, action, fn) -> None:
    fns = registry.setdefault(Action(action), [])
    if fn not in fns:  # ready() may run twice in a process (tests, reloads): register once
        fns.append(fn)


def heard(action: Action) -> bool:
    """Whether anyone listens to `action`: the sweep builds no Applied for a step nobody hears."""
    return bool(LISTENERS.get(action))


def contributions(applied: Applied) -> dict[str, Any]:
    """Called by the core inside the transaction: the effect's data with what contributors add."""
    data = dict(applied.data)
    for fn in CONTRIBUTORS.get(applied.action, ()):
        extra = fn(applied) or {}
        clash = set(extra) & set(data)
        if clash:
            raise ValueError(f"{fn.__qualname__} would replace {sorted(clash)} in the {applied.action} event")
        data.update(extra)
    return data


def announce(applied: Applied) -> None:
    """Called by the core inside the transaction: the listeners run once it commits."""
    announce_many([applied])


def announce_many(applied: Iterable[Applied]) -> None:
    heard = [a for a in applied if LISTENERS.get(a.action)]
    if heard:
        transaction.on_commit(lambda: _tell(heard))


def _tell(heard: list[Applied], registry: dict[Action, list[Listener]] = LISTENERS) -> None:
    for applied in heard:
        for fn in registry.get(applied.action, ()):
            try:
                fn(applied)
            except Exception:  # the action is committed; what reacts to it must not take it back
                logger.exception("listener %s failed on %s of %s", fn.__qualname__, applied.action, applied.case.reference)


def follow_now(applied: Applied) -> None:
    """Called by the core inside the transaction when the caller does not defer: the `later`
    functions run here, and an exception rolls the action back as a contributor's would."""
    for fn in LATER.get(applied.action, ()):
        fn(applied)


def follow_later(applied: Applied) -> None:
    """Called by the worker's job for a deferred action, after its commit: the `later` functions,
    then the listeners. One that raises is logged and the next one runs. Each runs in its own
    transaction with the mark that it ran (FollowedStep), so a job run again after its worker was
    killed does only what the first run had not committed: nothing twice, nothing left out."""
    for fn in [*LATER.get(applied.action, ()), *LISTENERS.get(applied.action, ())]:
        step = f"{applied.action}:{fn.__module__}.{fn.__qualname__}"
        try:
            with transaction.atomic():
                try:
                    # the mark first: a second run of the job waits here for the first's commit, then skips
                    with transaction.atomic():
                        FollowedStep.objects.create(case=applied.case, step=step[:200], at=timezone.now())
                except IntegrityError:
                    continue
                fn(applied)
        except Exception:  # the action is committed; what reacts to it must not take it back
            logger.exception("listener %s failed on %s of %s", fn.__qualname__, applied.action, applied.case.reference)
