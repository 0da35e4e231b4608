"""What similar does when the core applies an action (registered in apps.SimilarConfig.ready)."""
from __future__ import annotations

from minpan.cases.hooks import Applied

from .services import index_case


def index_new_message(applied: Applied) -> None:
    """A `later` function: for a message from the portal, in the worker seconds after commit (the
    submission stays fast; the job is committed with the case, so the indexing is never lost);
    for the other ways in, inside the collecting transaction, so the initial-review panel finds a
    message's near-duplicates from the moment it exists and a rollback leaves no index rows."""
    index_case(applied.case)
