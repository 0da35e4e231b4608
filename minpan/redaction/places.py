"""Door-level addresses and licence plates.

An answer is useful when it says which road or estate a problem is on, so the road, the
estate and the village stay; what is hidden is the door: the house number on a road or in a
village group (幸福路**号, 三组**号), and the building, entrance and flat of a home
(幸福家园小区*栋*单元***室, 住*号楼***). A building named alone, as where a problem is
("3号楼前的路灯坏了"), stays: it says where the street lamp is, not who lives there.
"""
from __future__ import annotations

import re

from .text import NUM, stars_all

_SUFFIX = r"(?:号楼|栋|幢|座|单元|号房|楼|层|室|号)"
_COMP = rf"(?:(?<![0-9零〇一二三四五六七八九十百两第]){NUM}|[A-Z](?=座|栋))\s*{_SUFFIX}"
# a flat number after the building or entrance, written without 室: 2单元601, 3号楼501
_FLAT = r"\d{3,4}(?![\d.年月日号元万米平个人户名次天岁%℃级楼层栋])"
_CHAIN = re.compile(rf"{_COMP}(?:\s*[-－]?\s*{_COMP})*(?:\s*[-－]?\s*{_FLAT})?")
# building-entrance-flat written with dashes: 住幸福里3-2-501
_DASHED = re.compile(r"(?<![\d-])(\d{1,3}-\d{1,2}-\d{3,4})(?![\d-])")
_SUFFIXES = re.compile(_SUFFIX)

# what may stand just before a building or house number and make it someone's address
_ROAD = ("路", "街", "大道", "巷", "弄", "胡同", "组", "村", "屯", "庄")
_ESTATE = ("小区", "花园", "家园", "公寓", "苑", "城", "大厦", "新村", "社区", "广场", "山庄", "公馆", "华庭",
           "家属院", "宿舍", "佳园", "名邸", "大院", "园")
_HOME = ("住", "住在", "家住", "居住", "住址", "地址", "我家", "家在", "住于", "住的是", "住址是", "地址是")
_NOT_A_NAME = set("们本该此这那我贵的个")
# a building followed by these is where something is, not where someone lives
_POSITION = ("前", "后", "旁", "边", "附近", "门口", "楼下", "下面", "对面", "周围", "东", "西", "南", "北", "侧",
             "外", "内", "里", "之间", "中间", "的", "一带", "和", "与", "、", "到", "至")


def _cue(sh: str, start: int) -> str:
    """'home' or 'road' or 'estate' when the words just before a number make it an address."""
    before = sh[max(0, start - 6):start].rstrip(" ：:")
    if before.endswith(_HOME):
        return "home"
    clause = re.split(r"[，。；！？,;!?\n()（）]", sh[max(0, start - 16):start])[-1]
    if re.search(r"住(?![院建])|家在|地址", clause):
        return "home"  # 住址：恒大华府13号楼 — the estate's name is not one we know, the cue before it is
    if before.endswith(_ROAD):
        return "road"
    for suffix in _ESTATE:
        if before.endswith(suffix):
            named = before[:-len(suffix)]
            if named and "\u4e00" <= named[-1] <= "\u9fff" and named[-1] not in _NOT_A_NAME:
                return "estate"
    return ""


def is_door(sh: str, start: int, end: int) -> bool:
    """Whether the chain sh[start:end] (3号楼, 2单元601, 88号 …) is a door-level part of an address."""
    chain = sh[start:end]
    kinds = _SUFFIXES.findall(chain)
    flat = re.search(rf"{_FLAT}$", chain) and not chain.endswith(tuple("号栋幢座单元楼层室房"))
    after = sh[end:end + 2]
    if chain.endswith("室") and after.startswith(("厅", "一厅", "两厅", "二厅")):
        return False  # 三室两厅 is the kind of flat, not its number
    if len(kinds) >= 2 or flat or "单元" in kinds or "号房" in kinds:
        return True
    kind = kinds[0] if kinds else ""
    cue = _cue(sh, start)
    if kind == "室":
        return sum(c.isdigit() for c in chain) >= 2 or bool(cue)
    if kind == "号":
        return cue in ("road", "home")
    if kind in ("号楼", "栋", "幢", "座"):
        if not re.search(r"[0-9A-Z]", chain):
            return False  # 一栋, 一座: a count of buildings
        return bool(cue) and not after.startswith(_POSITION)
    return False


def find_houses(text: str, sh: str):
    for m in _CHAIN.finditer(sh):
        if is_door(sh, m.start(), m.end()):
            yield m.start(), m.end(), "house", stars_all(text[m.start():m.end()])
    for m in _DASHED.finditer(sh):
        if _cue(sh, m.start()):
            yield m.start(1), m.end(1), "house", stars_all(text[m.start(1):m.end(1)])


_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(rf"[{_PROVINCES}]\s?[A-HJ-NP-Z]\s?[·•.\-]?\s?([A-HJ-NP-Z0-9]{{5,6}})(?![A-Za-z0-9])")


def find_plates(text: str, sh: str):
    """京A12345 → 京A***45: everything after the city letter but the last two characters."""
    for m in _PLATE.finditer(sh):
        body = m.group(1)
        if sum(c.isdigit() for c in body) >= 2:
            yield m.start(1), m.end(1), "plate", "*" * (len(body) - 2) + text[m.end(1) - 2:m.end(1)]
