"""E-mail addresses and the ids people give for WeChat, QQ and Weibo.

An e-mail keeps its domain (w***@qq.com says which service, not whose box). The other
ids are only recognised after their name (微信号：, QQ, 微博@…), since a bare string of
letters and digits could be anything.
"""
from __future__ import annotations

import re

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_SAY = r"\s*(?:号|号码|账号|帐号|ID|id)?\s*(?:是|为|:|：)?\s*(?:是|为)?\s*"
_WECHAT = re.compile(r"(?:微信|威信|v信|V信|VX|vx|Vx|wx|WX|Wx|weixin|wechat|WeChat)" + _SAY +
                     r"([A-Za-z][A-Za-z0-9_\-]{4,19}|\d{5,12})(?![A-Za-z0-9_\-])")
_QQ = re.compile(r"(?:QQ|qq|Qq|扣扣|企鹅号)" + _SAY + r"(\d{5,11})(?!\d)")
# @name shortly after 微博 (a Weibo mention), not part of an e-mail address
_HANDLE = r"[A-Za-z0-9_\-\u4e00-\u9fff]{2,30}?"
_WEIBO_AT = re.compile(r"(?<![A-Za-z0-9._%+\-])@(" + _HANDLE + r")(?=[\s，。,；;：:！!？?、）)】」]|$)")
_WEIBO_ID = re.compile(r"微博" + _SAY + r"([A-Za-z0-9_\-]{4,30})(?![A-Za-z0-9_\-])")
_WEIBO_NAME = re.compile(r"微博(?:名|昵称|账号|帐号|号|ID|id)\s*(?:是|为|叫)?\s*[:：]?\s*(?!@)(" + _HANDLE +
                         r")(?=[\s，。,；;！!？?、）)]|$)")


def find_email(text: str, sh: str):
    for m in _EMAIL.finditer(sh):
        local, domain = text[m.start():m.end()].split(text[m.start() + m.group().index("@")], 1)
        yield m.start(), m.end(), "email", local[0] + "***@" + domain


def find_ids(text: str, sh: str):
    """WeChat, QQ and Weibo ids after their name: the first character stays, the rest is '*'."""
    for kind, pattern in (("wechat", _WECHAT), ("qq", _QQ), ("weibo", _WEIBO_ID), ("weibo", _WEIBO_NAME)):
        for m in pattern.finditer(sh):
            value = text[m.start(1):m.end(1)]
            yield m.start(1), m.end(1), kind, _hide(value, 2 if kind == "qq" and len(value) >= 7 else 1)
    for m in _WEIBO_AT.finditer(sh):
        if "微博" not in sh[max(0, m.start() - 10):m.start()]:
            continue  # "@厨房" in a complaint is no mention of anyone
        yield m.start(), m.end(), "weibo", "@" + "*" * len(m.group(1))


def _hide(value: str, keep: int) -> str:
    """The first character(s) of a Latin id stay; a Han nickname is hidden whole."""
    if not value[:1].isascii():
        keep = 0
    return value[:keep] + "*" * (len(value) - keep)
