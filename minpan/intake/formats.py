"""The channels' export formats: which column holds what, and how a record becomes a message.

Column names vary between a channel's versions of its back office, so each field lists the names
seen for it; the first present in the header is used. Pure: no Django."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIELDS = ("external_id", "subject", "body", "received_at", "name", "phone", "email", "address", "channel")


class BadRecord(ValueError):
    pass


@dataclass
class Message:
    channel: str
    external_id: str
    subject: str
    body: str
    received_at: dt.datetime | None
    citizen: dict[str, str]
    # an answered case from the channel's history: its answer, when, and by which unit
    reply: str = ""
    replied_at: dt.datetime | None = None
    answering_unit: str = ""


@dataclass
class Format:
    name: str
    label: str
    columns: dict[str, tuple[str, ...]]                 # field -> column names, in order of preference
    channel: str = ""                                   # every record's channel, unless channel_of says
    channel_of: Callable[[str], str] | None = None      # the channel from the record's channel column
    required: tuple[str, ...] = ("external_id", "subject", "body", "received_at")
    subject_from_body: bool = False                     # 12345 work orders often have no title
    id_of: Callable[[str], str] | None = None           # the channel's id from the id column
    closed: bool = False                                # records are answered cases (reply columns)
    # where the policy does not know `channel` by that name: the name it does know it by
    alternatives: tuple[str, ...] = ()

    def resolve(self, header: list[str]) -> dict[str, str]:
        """field -> the header's column for it; raises BadRecord naming the columns missing."""
        present = set(header)
        found = {}
        for name, choices in self.columns.items():
            column = next((c for c in choices if c in present), None)
            if column:
                found[name] = column
        needed = [f for f in self.required if f not in found and not (f == "subject" and self.subject_from_body)]
        if needed:
            wanted = "；".join(f"{f}（{'或'.join(self.columns.get(f, ()))}）" for f in needed)
            raise BadRecord(f"表头缺少{self.label}格式所需的列：{wanted}。表头为：{'、'.join(h for h in header if h)}")
        return found

    def channel_under(self, accepted: tuple[str, ...]) -> str:
        if self.channel in accepted:
            return self.channel
        return next((c for c in self.alternatives if c in accepted), self.channel)

    def message(self, values: dict[str, object], columns: dict[str, str]) -> Message:
        def get(name: str) -> object:
            column = columns.get(name)
            return values.get(column, "") if column else ""

        text = {name: _text(get(name)) for name in ("external_id", "subject", "body", "name", "phone", "email", "address", "channel")}
        for name in self.required:
            if name in text and not text[name] and not (name == "subject" and self.subject_from_body):
                raise BadRecord(f"“{columns.get(name, name)}”为空")
        if not text["body"]:
            raise BadRecord(f"“{columns.get('body', 'body')}”为空")
        subject = text["subject"] or title_from(text["body"])
        channel = self.channel
        if self.channel_of is not None:
            channel = self.channel_of(text["channel"])
        received = get("received_at")
        received_at = parse_time(received, columns.get("received_at", "")) if received not in ("", None) else None
        if received_at is None and "received_at" in self.required:
            raise BadRecord(f"“{columns.get('received_at', '时间')}”为空")
        external_id = text["external_id"]
        if external_id and self.id_of is not None:
            external_id = self.id_of(external_id)
        external_id = external_id or content_id(channel, subject, text["body"], received_at)
        if len(external_id) > 64:
            raise BadRecord(f"“{columns.get('external_id')}”超过 64 个字符：{external_id[:20]}…")
        citizen = {k: text[k] for k in ("name", "phone", "email", "address") if text[k]}
        message = Message(channel, external_id, subject, text["body"], received_at, citizen)
        if self.closed:
            _answered(message, get, columns)
        return message


def _answered(message: Message, get: Callable[[str], object], columns: dict[str, str]) -> None:
    message.reply = _text(get("reply"))
    message.answering_unit = _text(get("answering_unit"))
    if not message.reply:
        raise BadRecord(f"“{columns['reply']}”为空：没有答复的不是办结件")
    if not message.answering_unit:
        raise BadRecord(f"“{columns['answering_unit']}”为空：不知道是哪个单位答复的")
    replied = get("replied_at")
    if replied in ("", None):
        raise BadRecord(f"“{columns['replied_at']}”为空")
    message.replied_at = parse_time(replied, columns["replied_at"])
    if message.received_at and message.replied_at < message.received_at:
        raise BadRecord(f"答复日期（{message.replied_at:%Y-%m-%d}）早于留言日期（{message.received_at:%Y-%m-%d}），请核对原记录")


def _leadermailid(url: str) -> str:
    # mail_id repeats for different letters; the mailbox's own id in the letter's address does not
    match = re.search(r"[?&]leadermailid=(\d+)", url)
    if not match:
        raise BadRecord(f"url 中没有 leadermailid：{url[:60]}")
    return f"leadermail:{match.group(1)}"


def _text(value: object) -> str:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    # the padding exports carry (\u3000, \xa0, tabs) is not part of the text
    return re.sub(r"^[\s\u3000\xa0]+|[\s\u3000\xa0]+$", "", str(value or ""))


def title_from(body: str, length: int = 30) -> str:
    """A title for a message that came without one: its first sentence, cut at `length`."""
    first = re.split(r"[。！？!?\n]", body, maxsplit=1)[0].strip() or body
    return first[:length] + ("…" if len(first) > length else "")


def content_id(channel: str, subject: str, body: str, received_at: dt.datetime | None) -> str:
    """An id for a record whose channel gives none, so a second import of the same file finds it."""
    digest = hashlib.sha256("\x1f".join([channel, subject, body, received_at.isoformat() if received_at else ""]).encode()).hexdigest()
    return f"h:{digest[:40]}"


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.\d+)?)?秒?)?$")


def parse_time(value: object, column: str = "") -> dt.datetime:
    """A time as exports write it (2022-05-10, 2022/5/10 9:30, 2022年5月10日 09:30:15, an Excel
    date), in Beijing time."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=SHANGHAI)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=SHANGHAI)
    text = _text(value)
    match = _DATE.match(text)
    if not match:
        raise BadRecord(f"“{column}”不是可识别的时间：{text[:40]!r}（应如 2022-05-10 或 2022-05-10 09:30）")
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
    try:
        return dt.datetime(y, mo, d, h, mi, s, tzinfo=SHANGHAI)
    except ValueError:
        raise BadRecord(f"“{column}”不是有效的日期：{text[:40]!r}") from None


def _people_daily_board(value: str) -> str:
    # 主席板块 items come assigned by the region's office (Tongliao 第三条); the rest is the mayor's board
    return "people_daily_chairman" if "主席" in value else "people_daily"


PROVINCE_SOURCES = (
    ("互联网+督查", "gov_supervision"), ("国务院", "gov_supervision"), ("督查", "gov_supervision"),
    ("省长信箱", "governor_mailbox"), ("省长热线", "governor_hotline"), ("12345", "governor_hotline"),
    ("人民网", "people_daily"), ("领导留言", "people_daily"),
)


def _province_source(value: str) -> str:
    for word, channel in PROVINCE_SOURCES:
        if word in value:
            return channel
    known = "、".join(dict.fromkeys(w for w, _ in PROVINCE_SOURCES))
    raise BadRecord(f"来源“{value[:30]}”不是已知的省级平台（{known}）")


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format(
        "people_daily", "人民网领导留言板",
        {"external_id": ("留言编号", "编号", "留言ID", "帖子ID"), "subject": ("标题", "留言标题"),
         "body": ("内容", "留言内容"), "received_at": ("留言时间", "发布时间", "提交时间"),
         "name": ("留言人", "网友", "网友昵称", "昵称"), "phone": ("联系电话", "手机号码", "电话"),
         "email": ("电子邮箱", "邮箱"), "channel": ("板块", "留言板块", "留言对象")},
        channel="people_daily", channel_of=_people_daily_board,
    ),
    Format(
        "hotline_12345", "12345 热线工单",
        {"external_id": ("工单编号", "工单号", "编号"), "subject": ("标题", "工单标题", "诉求标题"),
         "body": ("诉求内容", "来电内容", "工单内容", "内容"), "received_at": ("来电时间", "受理时间", "登记时间"),
         "name": ("来电人", "诉求人", "姓名"), "phone": ("来电号码", "联系电话", "电话"), "address": ("地址", "事发地址", "诉求地址")},
        # 12345 is the city's 市长热线 where a document names only that (Chizhou 第一条)
        channel="hotline_12345", alternatives=("mayor_hotline",), subject_from_body=True,
    ),
    Format(
        "shangluo", "商洛市长信箱历史办结件",
        {"external_id": ("url",), "subject": ("title",), "body": ("query",), "received_at": ("query_date",),
         "reply": ("reply",), "replied_at": ("reply_date",), "answering_unit": ("reply_agency",)},
        channel="mayor_mailbox", id_of=_leadermailid, closed=True,
        required=("external_id", "subject", "body", "received_at", "reply", "replied_at", "answering_unit"),
    ),
    Format(
        "province", "省级平台转办件",
        {"external_id": ("转办编号", "交办编号", "编号"), "subject": ("标题", "诉求标题", "留言标题"),
         "body": ("内容", "诉求内容", "留言内容"), "received_at": ("转办时间", "交办时间", "留言时间"),
         "name": ("姓名", "留言人", "诉求人"), "phone": ("联系电话", "电话"), "channel": ("来源", "来源渠道", "来源平台", "平台")},
        channel_of=_province_source, required=("external_id", "subject", "body", "received_at", "channel"),
    ),
)}


def custom(mapping: dict[str, str], channel: str) -> Format:
    """`--format csv --map subject=标题,body=内容,...`: the columns the user names, one channel."""
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise BadRecord(f"--map 中有未知的字段：{'、'.join(sorted(unknown))}。可用：{'、'.join(FIELDS)}")
    missing = [f for f in ("subject", "body") if f not in mapping]
    if missing:
        raise BadRecord(f"--map 须指明 {'、'.join(missing)} 对应的列，例如 --map subject=标题,body=内容")
    return Format("csv", "自定义 CSV", {k: (v,) for k, v in mapping.items()}, channel=channel,
                  required=("subject", "body"))
