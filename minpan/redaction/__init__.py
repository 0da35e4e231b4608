"""Redaction of personal data in text that others will read (public pages, the unit a complaint
is about). Pure: no Django, no database; the core (minpan.cases) and the pages both use it.

    spans(text, names=(), extra=(), keep=()) -> list[Span]   what would be hidden, in text order
    redact(text, names=(), extra=(), keep=()) -> str          the text with every span replaced
    digits_of(text) -> str                                    ASCII digits, full-width ones included

`names`: the writer's name(s); `extra`: the writer's registered phone, e-mail, ID number,
address and employer, found in any spelling; `keep`: literals that must stay visible (a
unit's published duty phone, a reviewer's "not personal"). KINDS / LABELS name what a span
hides, in Chinese. How well it works is measured by bench/redact_eval.py (docs/redaction.md).
"""
from .engine import KINDS, LABELS, Span, redact, spans
from .text import digits_of

__all__ = ["Span", "spans", "redact", "digits_of", "KINDS", "LABELS"]
