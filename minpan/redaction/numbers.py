"""Phones, ID numbers, bank cards, account and student/employee numbers.

People write one number in many ways: 138.1234.5678, 1381-234-5678, +86 138 1234 5678,
１３９１２３４５６７８, or broken over a line. So digits are first gathered into chunks
(digit groups joined by at most a space, a dot, a dash or a line break), and the groups of a
chunk are read left to right as the longest run that spells a phone, an ID or a card.
What the words before a number say decides between look-alikes: 订单号 before 18 digits
makes them an order number, 卡号 makes them a card.
"""
from __future__ import annotations

import re

from .text import label_before, shadow, stars

# the label before a number, and what it says the number is
LABELS = {
    **dict.fromkeys(("身份证", "身份证号", "身份证号码", "证件号", "证件号码", "公民身份号码", "身份号码", "身份证件号"), "id"),
    **dict.fromkeys(("卡号", "银行卡", "银行卡号", "工资卡", "储蓄卡", "信用卡", "借记卡", "尾号", "银行账号",
                     "卡号码", "存折", "收款账号", "转账账号", "账号", "账户", "帐号"), "card"),
    **dict.fromkeys(("户号", "社保号", "社保卡号", "医保号", "医保卡号", "公积金账号", "公积金号",
                     "会员号", "会员卡号", "客户号", "缴费号", "缴费户号", "用户号", "客户编号", "用户编号"), "account"),
    **dict.fromkeys(("学号", "学籍号", "学生证号", "工号", "员工号", "员工编号", "职工号", "职工编号", "工作证号",
                     "准考证号", "准考证", "考生号", "考号", "报名号", "病历号", "住院号", "门诊号", "就诊号",
                     "就诊卡号", "病案号"), "serial"),
    **dict.fromkeys(("电话", "座机", "固话", "联系方式", "联系电话", "办公电话", "家庭电话", "电话号码", "手机",
                     "手机号", "手机号码", "tel", "Tel", "TEL", "致电", "拨打", "号码"), "phone"),
    **dict.fromkeys(("订单号", "订单编号", "订单", "快递单号", "运单号", "物流单号", "快递号", "发票号", "发票号码",
                     "发票代码", "文号", "流水号", "交易号", "交易单号", "合同号", "合同编号", "工单号", "单号", "编号",
                     "批号", "批次号", "受理号", "受理编号", "案号", "登记号", "证书编号", "许可证号", "信用代码",
                     "注册号", "备案号", "序列号", "型号", "条码", "留言编号", "车架号", "发动机号", "宗地号",
                     "不动产权证号", "房产证号", "产权证号", "凭证号"), "lookalike"),
    **dict.fromkeys(("QQ", "qq", "扣扣", "微信", "微信号", "VX", "vx", "wx", "WX"), "online"),
}

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
HOTLINES = frozenset({"110", "119", "120", "122", "12345", "12315", "12369", "12306", "12333", "12348", "12358",
                      "12366", "12320", "12310", "12388", "12389", "12351", "12329", "12395", "96110"})

_GAP = r"(?:[ \t]{1,2}|[ \t]?[.\-_/·][ \t]?|[ \t]?\r?\n[ \t]?|\)[ \t]?)"
_CHUNK = re.compile(rf"(?<!\d)\d+(?:{_GAP}\d+)*(?:[Xx](?![A-Za-z0-9]))?")
_GROUP = re.compile(r"\d+[Xx]?")
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?)\s*\d{1,5}(?!\d)")


def id_checksum_ok(number: str) -> bool:
    """True for an 18-character ID number whose last character is its ISO 7064 check.
    (Kept for callers that want it; the detector masks an ID whatever its check digit.)"""
    if not re.fullmatch(r"\d{17}[\dXx]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def luhn_ok(number: str) -> bool:
    total = 0
    for i, d in enumerate(reversed([int(c) for c in number])):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _date_ok(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31 and 1890 <= year <= 2030


def looks_like_id(d: str) -> bool:
    """An ID number as typed: 18 characters (last may be X) or 15 digits, a region code and a
    birth date that could be real. The check digit is not asked for: a typo is still an ID."""
    if len(d) == 18 and d[:17].isdigit() and d[0] in "12345678":
        return _date_ok(int(d[6:10]), int(d[10:12]), int(d[12:14]))
    if len(d) == 15 and d.isdigit() and d[0] in "12345678":
        return _date_ok(1900 + int(d[6:8]), int(d[8:10]), int(d[10:12]))
    return False


def looks_like_mobile(d: str) -> bool:
    if d.startswith("0086"):
        d = d[4:]
    elif d.startswith("86") and len(d) == 13:
        d = d[2:]
    return len(d) == 11 and d.isdigit() and d[0] == "1" and d[1] in "3456789"


def area_code(d: str) -> str:
    """The area code a landline starts with: 010 and 02x have three digits, the rest four."""
    return d[:3] if d[1] in "12" else d[:4]


def looks_like_landline(d: str) -> bool:
    if len(d) < 10 or not d.isdigit() or not d.startswith("0") or d.startswith("00"):
        return False
    local = d[len(area_code(d)):]
    return len(local) in (7, 8) and local[0] in "23456789"


def classify(d: str, label: str | None, groups: list[str]) -> str | None:
    """What a run of digit groups spells, given the label before it (None: not personal)."""
    if label in ("lookalike", "online", "serial"):
        return None
    several = len(groups) > 1
    if label == "card" and 16 <= len(d) <= 19 and d.isdigit():
        return "bank"
    if label == "account":
        return None
    if looks_like_id(d) and (not several or min(len(g) for g in groups) >= 3):
        return "id"
    if looks_like_mobile(d):
        return "mobile"
    if looks_like_landline(d) and (not several or len(groups[0]) in (3, 4)):
        return "landline"
    if 16 <= len(d) <= 19 and d.isdigit() and d[0] in "3456" and luhn_ok(d):
        if not several or all(len(g) == 4 for g in groups[:-1]) or len(groups[0]) == 6:
            return "bank"
    if label == "phone" and len(d) in (7, 8) and d[0] in "23456789" and not several:
        return "landline"
    return None


def mask_number(kind: str, s: str) -> str:
    """The replacement for a number: a head and tail stay readable, the rest becomes '*'."""
    d = re.sub(r"[^0-9Xx]", "", shadow(s))
    if kind == "mobile":
        return stars(s, len(d) - 11 + 3, 4)
    if kind == "landline":
        ext = re.search(r"\s*(?:转|分机|ext\.?).*$", s)
        if ext:  # an office extension says nothing about a person; the line itself is masked
            return mask_number(kind, s[:ext.start()]) + s[ext.start():]
        if d.startswith("0"):
            return stars(s, len(area_code(d)), 4)
        return stars(s, 0, 4)
    if kind == "id":
        return stars(s, 3, 4 if len(d) == 18 else 3)
    if kind == "bank":
        return stars(s, 4, 4)
    return stars(s, 0, 4 if len(d) >= 10 else 0)


def find_numbers(text: str, sh: str):
    """Phones, IDs and cards in the text: (start, end, kind, replacement)."""
    for m in _CHUNK.finditer(sh):
        groups = [(g.start() + m.start(), g.end() + m.start(), g.group()) for g in _GROUP.finditer(m.group())]
        label = label_before(sh, m.start(), LABELS)
        i = 0
        while i < len(groups):
            for j in range(len(groups) - 1, i - 1, -1):
                part = [g[2] for g in groups[i:j + 1]]
                d = "".join(part)
                kind = classify(d, label if i == 0 else None, part)
                if kind and len(part) > 1 and _dates_or_lists(sh, groups[i][0], groups[j][1], part):
                    kind = None
                if kind and _decimal_edge(sh, groups[i][0], groups[j][1]):
                    kind = None
                if kind:
                    start, end = groups[i][0], groups[j][1]
                    if kind == "landline":
                        ext = _EXTENSION.match(sh, end)
                        end = ext.end() if ext else end
                        if start > 0 and sh[start - 1] == "(":
                            start -= 1
                    yield start, end, kind, mask_number(kind, text[start:end])
                    i = j + 1
                    break
            else:
                i += 1


def _dates_or_lists(sh: str, start: int, end: int, part: list[str]) -> bool:
    """Digit groups joined by dots or dashes that read as dates or numbering, not one number:
    1986.2-1991.11, 2019-10-08, 1-23-1-502."""
    joined_by_marks = re.search(r"[.\-/]", sh[start:end])
    if not joined_by_marks:
        return False
    if re.fullmatch(r"(?:19|20)\d\d", part[0]) and len(part[1]) <= 2 and 1 <= int(part[1]) <= 12 \
            and all(len(g) <= 4 for g in part):
        return True  # a year and a month, perhaps a range of them
    return sum(len(g) <= 2 for g in part) >= 3


def _decimal_edge(sh: str, start: int, end: int) -> bool:
    """A number with a decimal part (18112525462.26) is an amount or a measure."""
    return bool(re.match(r"\.\d", sh[end:end + 2]) or (start >= 2 and re.match(r"\d\.", sh[start - 2:start])))


_VALUE = r"([A-Za-z0-9](?:[A-Za-z0-9]|[ \-](?=[A-Za-z0-9])){2,30})"
_ACCOUNT = re.compile(
    r"(?:账号|账户|户号|社保号|社保卡号|医保号|医保卡号|公积金账号|公积金号|会员号|会员卡号|客户号|缴费号|用户号|"
    r"客户编号|用户编号)(?:码)?\s*(?:是|为)?\s*[:：]?\s*" + _VALUE)
_SERIAL = re.compile(
    r"(?:学号|学籍号|学生证号|工号|员工号|员工编号|职工号|职工编号|工作证号|准考证号|准考证|考生号|考号|报名号|"
    r"病历号|住院号|门诊号|就诊号|就诊卡号|病案号)(?:码)?\s*(?:是|为)?\s*[:：]?\s*" + _VALUE)


def find_labelled(text: str, sh: str):
    """Account numbers (账号/户号/社保号 …) and student, staff, exam and patient numbers after their label."""
    for kind, pattern in (("account", _ACCOUNT), ("serial", _SERIAL)):
        for m in pattern.finditer(sh):
            value = m.group(1)
            if sum(c.isdigit() for c in value) < 3 or re.match(r"\s*(?:\.\d|元|万|块)", sh[m.end(1):]):
                continue  # 账户11783.12元 is an amount
            yield m.start(1), m.end(1), kind, mask_number(kind, text[m.start(1):m.end(1)])


# a mobile spelt in Chinese digits: 一三九零七三一二二八八 (幺 is how people read 1 aloud)
_CN_MOBILE = re.compile(r"(?<![零〇一二三四五六七八九幺])[一幺][三四五六七八九][零〇一二三四五六七八九幺]{9}(?![零〇一二三四五六七八九幺])")


def find_chinese_digit_mobiles(text: str, sh: str):
    for m in _CN_MOBILE.finditer(sh):
        yield m.start(), m.end(), "mobile", m.group()[:3] + "****" + m.group()[7:]
