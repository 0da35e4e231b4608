"""Spans and redaction: every detector's findings, filtered, without overlaps, applied.

A span is the characters to hide and what to show instead. Detectors are asked in order of
trust: what the case knows about the writer first, then the number patterns (whose shape is
unambiguous), then the word-cued ones (places, names). When two claim the same characters the
earlier one wins, and among equals the longer.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .dates import birth_right_after, find_births
from .known import find_known, keep_filter
from .names import find_names
from .numbers import find_chinese_digit_mobiles, find_labelled, find_numbers
from .online import find_email, find_ids
from .places import find_houses, find_plates
from .text import shadow

LABELS: dict[str, str] = {
    "name": "姓名",
    "mobile": "手机号",
    "landline": "固定电话",
    "id": "身份证号",
    "bank": "银行卡号",
    "account": "账号",
    "serial": "学号工号等编号",
    "email": "电子邮箱",
    "wechat": "微信号",
    "qq": "QQ号",
    "weibo": "微博账号",
    "plate": "车牌号",
    "house": "门牌号",
    "birth": "出生日期",
    "employer": "工作单位",
    "extra": "留言人登记信息",
}
KINDS: tuple[str, ...] = tuple(LABELS)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    replacement: str


def spans(text: str, names: Iterable[str] = (), extra: Iterable[str] = (), keep: Iterable[str] = ()) -> list[Span]:
    """What `redact` would hide, in text order, never overlapping."""
    text = text or ""
    sh = shadow(text)
    names, extra, keep = list(names or ()), list(extra or ()), list(keep or ())
    dropped = keep_filter(text, sh, keep)
    rounds = (
        find_known(text, sh, extra),
        find_email(text, sh),
        find_numbers(text, sh),
        find_labelled(text, sh),
        find_chinese_digit_mobiles(text, sh),
        find_ids(text, sh),
        find_plates(text, sh),
        find_births(text, sh),
        find_houses(text, sh),
        find_names(text, sh, names),
    )
    taken: list[Span] = []
    for found in rounds:
        for start, end, kind, replacement in sorted(found, key=lambda f: f[0] - f[1]):
            if start < end and not dropped(start, end, kind) and not _overlaps(taken, start, end):
                taken.append(Span(start, end, kind, replacement))
    for span in [s for s in taken if s.kind == "name"]:
        birth = birth_right_after(text, sh, span.end)
        if birth and not _overlaps(taken, birth[0], birth[1]):
            taken.append(Span(*birth))
    return sorted(taken, key=lambda s: s.start)


def _overlaps(taken: list[Span], start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in taken)


def redact(text: str, names: Iterable[str] = (), extra: Iterable[str] = (), keep: Iterable[str] = ()) -> str:
    """The text with every span replaced; everything else unchanged."""
    text = text or ""
    out, pos = [], 0
    for span in spans(text, names, extra, keep):
        out.append(text[pos:span.start])
        out.append(span.replacement)
        pos = span.end
    out.append(text[pos:])
    return "".join(out)
