"""Numbers from a request, checked before they reach the database.

A parameter is whatever the visitor typed: "abc", "-1", "²" (str.isdigit() says yes), or a
number past any database integer. Each would otherwise raise deep in the ORM (ValueError,
OverflowError on SQLite, DataError on PostgreSQL) and answer 500. Here it is a plain "no":
None, which the view turns into its default, a 404 or a 400 with a Chinese message.
"""
from __future__ import annotations

# the largest primary key either database stores (a bigint); every id column is at most that
MAX_ID = 2**63 - 1


def whole_number(value: object, *, most: int = MAX_ID) -> int | None:
    """`value` as a whole number from 1 to `most`, written in ASCII digits only; None otherwise."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > len(str(most)):
        return None
    number = int(value)
    return number if 1 <= number <= most else None


def ids(values: list[str], *, limit: int) -> list[int]:
    """The valid ids among `values`, at most `limit` of them; anything else is dropped."""
    out = [n for n in (whole_number(v) for v in values) if n is not None]
    return out[:limit]
