"""What similar does when the core applies an action (registered in apps.SimilarConfig.ready)."""
from __future__ import annotations

from minpan.cases.hooks import Applied

from .services import index_case


def index_new_message(applied: Applied) -> None:
    """In the collecting transaction, not after it: the initial-review panel finds a message's
    near-duplicates from the moment the message exists (after commit, a failed indexing would
    leave it unfindable until the next reindex), and a collection that rolls back leaves no
    index rows behind."""
    index_case(applied.case)
