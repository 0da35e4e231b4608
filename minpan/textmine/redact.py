"""Redaction of personal data in text that will be published. Pure: no Django imports.

Interface (kept small on purpose; issue 5 measures and improves the detectors):

    spans(text, names=(), extra=()) -> list[Span]   what would be masked, in text order
    redact(text, names=(), extra=()) -> str          the text with every span replaced

`names` are person names known to belong to the text (the writer's name from the
contact fields); `extra` are other literal strings to mask wherever they occur (the
writer's own phone, e-mail and ID number, in whatever spelling they typed them).
Detectors, each a `kind` of Span:

    name      given names, 姓 + 先生/女士/小姐/师傅/某(某), 我叫/姓名：X
    email     local part masked, domain kept: w***@example.cn
    id        18-digit ID numbers with a valid checksum, 15-digit ones with a valid date
    bank      16–19 digit card numbers passing the Luhn check
    mobile    138****5678 (spaces, dashes and a +86 prefix allowed)
    landline  0475-****5678; also bare 7–8 digit numbers right after 电话/座机/tel
    plate     京A12345 → 京A***45
    house     3号楼2单元501室 → *号楼*单元*室 (a building number alone is kept: it usually
              says where the problem is, not where the writer lives)
    extra     a literal from `extra`

Replacements keep the text readable: digits become '*', a name becomes 某/某某.
Spans never overlap; when two detectors claim the same characters the earlier kind
in DETECTORS wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

__all__ = ["Span", "spans", "redact"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    replacement: str


# The commonest surnames (about 90% of the population) and the compound ones.
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝"
)
_SURNAME = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + SURNAMES + "])"
_HAN = "[\u4e00-\u9fff]"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_checksum_ok(number: str) -> bool:
    """True for an 18-character ID number whose last character is its ISO 7064 check."""
    if not re.fullmatch(r"\d{17}[\dXx]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper() and _date_ok(number[6:14])


def _date_ok(yyyymmdd: str) -> bool:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    return 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31


def luhn_ok(number: str) -> bool:
    digits = [int(d) for d in number]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _stars(text: str, keep_head: int, keep_tail: int) -> str:
    """Digits and letters outside head/tail become '*'; separators stay."""
    out, seen = [], 0
    core = [c for c in text if c.isalnum()]
    for c in text:
        if not c.isalnum():
            out.append(c)
            continue
        masked = keep_head <= seen < len(core) - keep_tail
        out.append("*" if masked else c)
        seen += 1
    return "".join(out)


# ---- detectors: each yields (start, end, replacement) ---------------------------------

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<!\d)\d{15}(?!\d)")
# 16-19 digits, plain or in groups of four (a 19-digit card ends with a group of three)
_CARD = re.compile(r"(?<!\d)(?:(?:\d{4}[ \-]){4}\d{3}|(?:\d{4}[ \-]?){3}\d{4,7})(?!\d)")
_MOBILE = re.compile(r"(?<!\d)(?:(?:\+|00)?86[ \-]?)?1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[ \-－]?[2-9]\d{6,7}(?:[ \-]?转\d{1,5})?(?!\d)")
_LOCAL = re.compile(r"(?:电话|座机|固话|联系方式|tel|Tel|TEL)[:：]?\s*([2-9]\d{6,7})(?!\d)")
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\s?[A-HJ-NP-Z]\s?·?\s?([A-HJ-NP-Z0-9]{5,6})(?![A-Za-z0-9])"
)
_NUM = r"(?:\d+|[一二三四五六七八九十百零〇]+)"
_HOUSE = re.compile(
    rf"(?:{_NUM}\s*(?:号楼|栋|幢|号院)\s*)?(?:{_NUM}\s*单元\s*)?(?:{_NUM}\s*(?:楼|层)\s*)?{_NUM}\s*(?:室|号房)"
    # a flat number written without 室 after building and entrance: 14栋5单元1102
    rf"|{_NUM}\s*(?:号楼|栋|幢)\s*{_NUM}\s*单元\s*\d{{3,4}}(?!\d)"
    rf"|{_NUM}\s*(?:号楼|栋|幢)\s*{_NUM}\s*单元"
)
_TITLE = re.compile(rf"({_SURNAME})(?:先生|女士|小姐|师傅|大爷|大妈|阿姨|老先生|老太太)")
_MOU = re.compile(rf"(?<!{_HAN}){_SURNAME}某某?|(?<=[，。；、：\s（(“])({_SURNAME})某某?")
# 赵某 straight after the person's role: 物业经理赵某, 村主任王某某
_ROLE_MOU = re.compile(
    rf"(?:经理|主任|书记|局长|科长|所长|站长|镇长|村长|组长|队长|老板|师傅|医生|老师|会计|保安|业主|员工|同事|工作人员)"
    rf"({_SURNAME}某某?)"
)
_INTRO = re.compile(rf"(?:我叫|名叫|本人叫|姓名[:：为是]?|联系人[:：为是]?|署名[:：]?)\s*({_SURNAME}{_HAN}{{1,2}})")
# 我是王小明， / 本人张伟。 / 反映人：李娜 — only when the name ends at punctuation ("我是高新区居民" is no name)
_SELF = re.compile(
    rf"(?:我是|本人|反映人[:：]?|留言人[:：]?|投诉人[:：]?|举报人[:：]?|求助人[:：]?)\s*({_SURNAME}{_HAN}{{1,2}})(?=[，,。；;！!\s])"
)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _find_email(text):
    for m in _EMAIL.finditer(text):
        local, domain = m.group().split("@", 1)
        yield m.start(), m.end(), f"{local[0]}***@{domain}"


def _find_id(text):
    for m in _ID18.finditer(text):
        if id_checksum_ok(m.group()):
            yield m.start(), m.end(), _stars(m.group(), 3, 4)
    for m in _ID15.finditer(text):
        s = m.group()
        if _date_ok("19" + s[6:12]):
            yield m.start(), m.end(), _stars(s, 3, 3)


def _find_bank(text):
    for m in _CARD.finditer(text):
        d = _digits(m.group())
        if 16 <= len(d) <= 19 and luhn_ok(d):
            yield m.start(), m.end(), _stars(m.group(), 4, 4)


def _find_mobile(text):
    for m in _MOBILE.finditer(text):
        s = m.group()
        d = _digits(s)
        head = len(d) - 11  # a country prefix stays readable
        yield m.start(), m.end(), _stars(s, head + 3, 4)


def _find_landline(text):
    for m in _LANDLINE.finditer(text):
        s = m.group()
        area = re.match(r"\(?0\d{2,3}\)?", s).group()
        yield m.start(), m.end(), area + _stars(s[len(area):], 0, 4)
    for m in _LOCAL.finditer(text):
        yield m.start(1), m.end(1), _stars(m.group(1), 0, 4)


def _find_plate(text):
    for m in _PLATE.finditer(text):
        body = m.group(1)
        yield m.start(1), m.end(1), "*" * (len(body) - 2) + body[-2:]


def _find_house(text):
    for m in _HOUSE.finditer(text):
        yield m.start(), m.end(), re.sub(_NUM, "*", m.group())


def _find_titles(text):
    for m in _TITLE.finditer(text):
        yield m.start(1), m.end(1), "某"
    for m in _MOU.finditer(text):
        yield m.start(), m.end(), "某某"
    for m in _INTRO.finditer(text):
        yield m.start(1), m.end(1), "某某"
    for m in _SELF.finditer(text):
        yield m.start(1), m.end(1), "某某"
    for m in _ROLE_MOU.finditer(text):
        yield m.start(1), m.end(1), "某某"


def _literal(text, values, kind_replacement):
    for value in values:
        value = (value or "").strip()
        if len(value) < 2:
            continue
        for m in re.finditer(re.escape(value), text):
            yield m.start(), m.end(), kind_replacement(value)


def _find_names(text, names):
    wanted: list[str] = []
    for name in names:
        name = re.sub(r"\s+", "", name or "")
        if len(name) < 2:
            continue
        wanted.append(name)
        # the given name alone ("小明") when it is long enough not to hit ordinary words
        surname = next((c for c in COMPOUND_SURNAMES if name.startswith(c)), name[:1])
        given = name[len(surname):]
        if len(given) >= 2 and re.fullmatch(f"{_HAN}+", name):
            wanted.append(given)
    # longest first, so 王小明 wins over 小明
    yield from _literal(text, sorted(set(wanted), key=len, reverse=True), lambda v: "某" * min(len(v), 2))


DETECTORS = ("email", "id", "bank", "mobile", "landline", "plate", "house", "name", "extra")


def spans(text: str, names: Iterable[str] = (), extra: Iterable[str] = ()) -> list[Span]:
    """Everything `redact` would mask, in text order, without overlaps."""
    text = text or ""
    found = {
        "extra": _literal(text, sorted({e for e in extra if e}, key=len, reverse=True), lambda v: _stars(v, 0, 0)),
        "email": _find_email(text),
        "id": _find_id(text),
        "bank": _find_bank(text),
        "mobile": _find_mobile(text),
        "landline": _find_landline(text),
        "plate": _find_plate(text),
        "house": _find_house(text),
        "name": _chain(_find_names(text, names), _find_titles(text)),
    }
    taken: list[Span] = []
    for kind in DETECTORS:
        for start, end, replacement in found[kind]:
            if start < end and not any(s.start < end and start < s.end for s in taken):
                taken.append(Span(start, end, kind, replacement))
    return sorted(taken, key=lambda s: s.start)


def _chain(*iterables):
    for it in iterables:
        yield from it


def redact(text: str, names: Iterable[str] = (), extra: Iterable[str] = ()) -> str:
    """The text with names, contact numbers, ID and card numbers, e-mails, plates and flat numbers masked."""
    text = text or ""
    out, pos = [], 0
    for span in spans(text, names, extra):
        out.append(text[pos:span.start])
        out.append(span.replacement)
        pos = span.end
    out.append(text[pos:])
    return "".join(out)
