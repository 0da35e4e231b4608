"""`minpan export replies|reconcile`: what goes back to a channel's back office."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minpan.policies.codes import CHANNELS

from ... import export


class Command(BaseCommand):
    help = ("渠道回传：replies 导出某渠道在一段时间内发布的答复（按该渠道后台的列，公开答复为隐去个人信息后的文本）；"
            "reconcile 导出某渠道某月收到的每条留言的办理情况（对账销号），未办结的另列一表。")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        rep = sub.add_parser("replies", help="答复回传")
        rep.add_argument("--from", dest="start", required=True, help="起始日期 YYYY-MM-DD（含）")
        rep.add_argument("--to", dest="end", required=True, help="截止日期 YYYY-MM-DD（含）")
        rec = sub.add_parser("reconcile", help="对账销号")
        rec.add_argument("--month", required=True, help="月份 YYYY-MM")
        for p in (rep, rec):
            p.add_argument("--channel", required=True, help=f"渠道代号：{'、'.join(CHANNELS)}")
            p.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
            p.add_argument("--out", required=True, help="输出文件")

    def handle(self, *args, what, channel, format, out, **opts):
        if channel not in CHANNELS:
            raise CommandError(f"未知的渠道 {channel!r}。可用：{'、'.join(CHANNELS)}")
        if what == "replies":
            start, end = _date(opts["start"], "--from"), _date(opts["end"], "--to")
            if start > end:
                raise CommandError("--from 不能晚于 --to。")
            sheets = [export.replies(channel, start, end)]
            summary = f"{len(sheets[0].rows)} 条答复"
        else:
            month = _date(opts["month"] + "-01", "--month")
            table, open_rows, counts = export.reconcile(channel, month)
            sheets = [table, open_rows]
            summary = "，".join(f"{k} {v}" for k, v in counts.items()) + f"，共 {sum(counts.values())} 条"
        if format == "csv" and len(sheets) > 1:
            data = export.as_csv(sheets[0])
            Path(out).with_suffix(".open.csv").write_bytes(export.as_csv(sheets[1]))
        else:
            data = export.as_csv(sheets[0]) if format == "csv" else export.as_xlsx(*sheets)
        Path(out).write_bytes(data)
        self.stdout.write(f"{out}：{summary}")


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} 应为日期，例如 2026-11-01，现为 {text!r}。") from None
