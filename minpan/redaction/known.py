"""What the case already knows about the writer (`extra`) and what must stay visible (`keep`).

The writer's registered phone, e-mail, ID number, address and employer are masked wherever
the text repeats them, however it spells them: numbers are compared digit by digit across
spaces, dots, dashes, line breaks and full-width digits. Of an address only the door-level part
is hidden (幸福路**号幸福家园小区*栋), so the road and estate stay readable; an employer is
replaced as a whole by 某单位.
"""
from __future__ import annotations

import re

from .numbers import HOTLINES, looks_like_id, looks_like_landline, looks_like_mobile, mask_number
from .places import _CHAIN
from .text import NUM, shadow

_SEPARATORS = set(" \t\r\n.-_/·()+")
_EMPLOYER_END = ("公司", "厂", "学校", "中学", "小学", "大学", "学院", "医院", "卫生院", "局", "委", "办", "中心",
                 "所", "站", "银行", "集团", "店", "部", "队", "社", "幼儿园", "政府", "委员会", "协会", "馆", "处",
                 "科", "分行", "支行", "院", "单位", "酒店", "超市", "工厂", "商行", "事务所")
_ADDRESS_WORDS = re.compile(r"省|市|区|县|镇|乡|村|组|路|街|巷|弄|道|号|栋|幢|楼|单元|室|小区|花园|家园|苑|公寓|大厦")
_DOOR_NUM = re.compile(rf"{NUM}(?=\s*(?:号楼|栋|幢|座|单元|号房|楼|层|室|号))|(?<=[楼栋幢座元层])\s*\d{{3,4}}(?!\d)")


def kind_of_detail(value: str) -> str:
    """email, number, employer, address or other: what one registered detail is."""
    v = shadow(value).strip()
    if "@" in v:
        return "email"
    digits = re.sub(r"[^0-9Xx]", "", v)
    if len(digits) >= 5 and len(digits) >= len(re.sub(r"[\s\-.()+·/]", "", v)) - 1:
        return "number"
    if v.endswith(_EMPLOYER_END) and not re.search(r"\d+\s*(?:号|栋|单元|室)", v):
        return "employer"
    if _ADDRESS_WORDS.search(v):
        return "address"
    return "other"


def door_mask(text: str) -> str:
    """An address with only its door-level numbers starred: 幸福路88号幸福家园小区5栋 → 幸福路**号幸福家园小区*栋."""
    return _DOOR_NUM.sub(lambda m: re.sub(r"\S", "*", m.group()), text)


def _loose(literal: str) -> re.Pattern:
    """A literal that may be spelt with spaces or line breaks between its characters."""
    chars = [c for c in shadow(literal) if not c.isspace()]
    return re.compile(r"\s*".join(map(re.escape, chars)), re.I)


def _digit_runs(sh: str):
    """Runs of digits (and a closing X) joined by separators only: [(digit string, positions)]."""
    runs: list[tuple[str, list[int]]] = []
    digits: list[str] = []
    positions: list[int] = []
    gap = 0
    for i, c in enumerate(sh):
        if c.isdigit() and c.isascii() or (c in "Xx" and digits and gap == 0):
            digits.append(c.upper())
            positions.append(i)
            gap = 0
        elif digits and c in _SEPARATORS and gap < 3:
            gap += 1
        elif digits:
            runs.append(("".join(digits), positions))
            digits, positions, gap = [], [], 0
    if digits:
        runs.append(("".join(digits), positions))
    return runs


def _number_kind(d: str) -> str:
    if looks_like_mobile(d):
        return "mobile"
    if looks_like_id(d):
        return "id"
    if looks_like_landline(d) or 7 <= len(d) <= 8:
        return "landline"
    if 16 <= len(d) <= 19:
        return "bank"
    return "account"


def find_known(text: str, sh: str, extra):
    for value in extra:
        value = (value or "").strip()
        if len(value) < 2:
            continue
        kind = kind_of_detail(value)
        if kind == "number":
            target = re.sub(r"[^0-9Xx]", "", shadow(value)).upper()
            targets = {target, target[2:] if target.startswith("86") and len(target) == 13 else target,
                       target[4:] if target.startswith("0086") else target}
            for run, positions in _digit_runs(sh):
                for t in targets:
                    at = run.find(t)
                    while at >= 0:
                        start, end = positions[at], positions[at + len(t) - 1] + 1
                        k = _number_kind(t)
                        yield start, end, k, mask_number(k, text[start:end])
                        at = run.find(t, at + 1)
        elif kind == "email":
            for m in _loose(value).finditer(sh):
                local, _, domain = text[m.start():m.end()].partition("@")
                yield m.start(), m.end(), "email", local[:1] + "***@" + domain
        elif kind == "employer":
            for m in _loose(value).finditer(sh):
                yield m.start(), m.end(), "employer", "某单位"
        elif kind == "address":
            yield from _address(text, sh, value)
        else:
            for m in _loose(value).finditer(sh):
                yield m.start(), m.end(), "extra", "*" * len(m.group())


def _address(text: str, sh: str, value: str):
    """The whole address where it is repeated, then each of its door-level parts with the road or
    estate name before it (幸福家园小区5栋, 幸福路88号), each with only the numbers starred."""
    v = shadow(re.sub(r"\s+", "", value))
    pieces, prev_end = [v], 0
    for m in _CHAIN.finditer(v):
        anchor = v[prev_end:m.start()][-8:]
        comps = [c.end() for c in re.finditer(r"号楼|栋|幢|座|单元|号房|楼|层|室|号", m.group())]
        for cut in comps + [len(m.group())]:
            if anchor:
                pieces.append(anchor + m.group()[:cut])
        if len(comps) >= 2:
            pieces.append(m.group())
        prev_end = m.end()
    for piece in sorted(set(pieces), key=len, reverse=True):
        if not _DOOR_NUM.search(piece):
            continue
        for m in _loose(piece).finditer(sh):
            masked = door_mask(text[m.start():m.end()])
            if masked != text[m.start():m.end()]:
                yield m.start(), m.end(), "house", masked


def keep_filter(text: str, sh: str, keep):
    """A test for spans to drop: inside an occurrence of a keep literal, the same digits as one,
    or a public hotline (12345, 110 …)."""
    inside, numbers = [], set()
    for value in keep:
        value = (value or "").strip()
        if not value:
            continue
        inside += [(m.start(), m.end()) for m in _loose(value).finditer(sh)]
        d = re.sub(r"\D", "", shadow(value))
        if len(d) >= 3:
            numbers.add(d)

    def dropped(start: int, end: int, kind: str) -> bool:
        if any(a <= start and end <= b for a, b in inside):
            return True
        d = re.sub(r"\D", "", shadow(text[start:end]))
        if not d or kind in ("name", "house", "employer", "email"):
            return False
        if d in numbers or (d in HOTLINES and kind in ("landline", "mobile", "account", "serial", "qq", "extra")):
            return True
        return kind == "landline" and any(len(n) >= 7 and d.startswith(n) for n in numbers)
    return dropped
