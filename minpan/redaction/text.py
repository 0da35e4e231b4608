"""Small helpers shared by the detectors: a half-width shadow of the text, digits, stars.

Every detector reads `shadow(text)`, a copy of the text of the same length in which
full-width digits, letters and punctuation are half-width (１３９ → 139, ＠ → @, （ → ( ).
Because the lengths agree, a match in the shadow is a span in the original text.
"""
from __future__ import annotations

import re

CN_DIGITS = "零〇一二三四五六七八九十百两"
# a number as people write it in an address: 88 or 十八
NUM = r"(?:\d{1,5}|[零〇一二三四五六七八九十百两]{1,4})"
STOPS = set("，。；：！？、,.;:!?()（）“”\"'‘’《》<>【】[]{}\n\r\t ")


def shadow(text: str) -> str:
    """The text with full-width forms made half-width, the same length as the text."""
    out = []
    for c in text:
        o = ord(c)
        if 0xFF01 <= o <= 0xFF5E:
            out.append(chr(o - 0xFEE0))
        elif c in "\u3000\u00a0":
            out.append(" ")
        elif c in "－—–":
            out.append("-")
        else:
            out.append(c)
    return "".join(out)


def digits_of(text: str) -> str:
    """The ASCII digits of a string once full-width digits are half-width (to compare phone numbers)."""
    return re.sub(r"\D", "", shadow(text or "").translate(_ASCII_ONLY))


# str.isdigit() is true for ² and Arabic-Indic digits too; only 0-9 count
_ASCII_ONLY = {o: None for o in range(0x80, 0x10000) if chr(o).isdigit()}


def is_alnum_ascii(c: str) -> bool:
    c = shadow(c)
    return c.isascii() and c.isalnum()


def stars(text: str, head: int = 0, tail: int = 0) -> str:
    """Latin letters and digits (either width) outside `head`/`tail` become '*'.
    Han characters and separators stay: a place name must stay readable."""
    core = [i for i, c in enumerate(text) if is_alnum_ascii(c)]
    hidden = set(core[head:len(core) - tail] if tail else core[head:])
    return "".join("*" if i in hidden else c for i, c in enumerate(text))


def stars_all(text: str) -> str:
    """Every digit, letter and Chinese numeral becomes '*' (a door number written 十八号)."""
    return "".join("*" if is_alnum_ascii(c) or c in CN_DIGITS else c for c in text)


def label_before(shadowed: str, start: int, labels: dict[str, str], reach: int = 10) -> str | None:
    """The role of the label that ends nearest before `start` (within `reach` characters,
    across only ：: 是 为 码 号 and spaces), e.g. '身份证号：' → 'id'."""
    window = shadowed[max(0, start - reach - 8):start]
    best, best_end, best_len = None, -1, 0
    for word, role in labels.items():
        at = window.rfind(word)
        while at >= 0:
            end = at + len(word)
            gap = window[end:]
            if len(gap) <= reach and re.fullmatch(r"[\s:：是为码号的（(]*(?:[是为]?[:：]?)\s*", gap):
                if end > best_end or (end == best_end and len(word) > best_len):
                    best, best_end, best_len = role, end, len(word)
                break
            at = window.rfind(word, 0, at)
    return best
