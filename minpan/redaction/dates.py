"""Birth dates: a date is personal only when the words say it is someone's birth.

2026年3月12日 in a complaint is when something happened and stays; 1985年3月12日出生,
出生日期：1985-03-12 or 王小明，男，1985.3.12 say who someone is and are masked.
"""
from __future__ import annotations

import re

from .text import stars

_DATE = r"(?:(?:19|20)?\d{2}\s*(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号]?)?|[-./]\s*\d{1,2}(?:\s*[-./]\s*\d{1,2})?))"
_BEFORE = re.compile(rf"(?:出生日期|出生年月日?|出生时间|出生于|生于|出生在|出生|生日|出生年份)\s*(?:是|为)?\s*[:：]?\s*({_DATE})")
_AFTER = re.compile(rf"(?<!\d)({_DATE})\s*(?:出生|生人|生(?![效产活病成意气长态命物源日下育了孩小娃二三宝])|诞生|出世)")
_GENDER = re.compile(rf"[男女]\s*[，,、]\s*({_DATE})(?!\s*(?:至|到|-|起|开始|以来))")


def find_births(text: str, sh: str):
    for pattern in (_BEFORE, _AFTER, _GENDER):
        for m in pattern.finditer(sh):
            if sum(c.isdigit() for c in m.group(1)) >= 4:
                yield m.start(1), m.end(1), "birth", stars(text[m.start(1):m.end(1)])


def birth_right_after(text: str, sh: str, end: int):
    """A date straight after a name (王小明，1985年3月12日 / 王小明（1985.03.12）) is a birth date."""
    # a comma, a bracket or 男/女 between: a date after spaces only is the signature's date
    m = re.compile(rf"\s*(?:[，,（(]|[，,]?\s*[男女][\s，,、]*)\s*({_DATE})(?=[\s，,）)。；;]|$)").match(sh, end)
    if m and re.match(r"(?:19|20)\d{2}", m.group(1).strip()) and int(m.group(1).strip()[:4]) <= 2015:
        return m.start(1), m.end(1), "birth", stars(text[m.start(1):m.end(1)])
    return None
