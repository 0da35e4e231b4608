"""What each action checks under the policy and writes, besides the state.

Called only by transitions.apply, inside its transaction with the case locked. Each effect
returns the data that goes into the event (never the writer's identity). One module per
stage of a case: intake (initial review and registration), dispatch (dispatch, claim,
return, recall, reassign), dispute (派单异议: the center's decision on a return citing
the catalogue), extension, answer, after (after the answer), lookback (回头看), notes (internal notes
and the center's 催办), hard (Tongliao's hard cases), coordination (Yuncheng's 专题协调会议),
oversight (法制审核, 电话催办, 实地督查, 一事一报), sweep (the system's steps), history (a channel's
answered past, imported). Each registers its effects here with
`@effect(action)`; the helpers below are shared by them.
"""
from __future__ import annotations

# Each module registers its effects in base.EFFECTS when imported; importing them here fills it.
from . import after, answer, coordination, dispatch, dispute, extension, hard, history, intake, lookback, notes, oversight, sweep  # noqa: F401
from .base import EFFECTS, effect

__all__ = ["EFFECTS", "effect"]
