"""`minpan import FILE --format FORMAT`: a channel's export file into received cases."""
from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from minpan.policies.active import active_policy
from minpan.policies.codes import CHANNELS

from ...formats import FORMATS, BadRecord, custom
from ...importer import run
from ...reading import UnreadableFile, read

FORMAT_NAMES = (*FORMATS, "csv")
LONG_FILE = 200  # records; below this the bar would only flicker


class Command(BaseCommand):
    help = (
        "导入渠道导出的留言文件（CSV 或 XLSX）：每条记录成为一件待初审的留言。"
        "同一渠道编号已导入的不再导入，同一文件可重复运行。无法导入的记录逐条报告其在文件中的起始行号"
        "（表头为第 1 行）和原因，其余照常导入；最后一行为“imported N, already there M, rejected K”。"
        "只要文件读得出，退出码即为 0（即使有被拒的记录）；文件无法读取、格式未知或缺少必需的列时退出码非 0。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV（UTF-8，含表头）或 XLSX 文件")
        parser.add_argument("--format", required=True, help=f"文件格式：{'、'.join(FORMAT_NAMES)}")
        parser.add_argument("--map", default="", help="csv 格式的列对应，如 subject=标题,body=内容,received_at=时间,external_id=编号")
        parser.add_argument("--channel", default="", help=f"csv 格式的来源渠道代号：{'、'.join(CHANNELS)}")

    def handle(self, *args, file, format, map, channel, **options):
        fmt = self._format(format, map, channel)
        try:
            table = read(file)
            fmt.resolve(table.header)  # a file without the format's columns is refused as a whole
        except (UnreadableFile, BadRecord) as exc:
            raise CommandError(str(exc)) from None
        started = timezone.now()
        result = run(table, fmt, progress=self._progress)
        for line, reason in result.rejected:
            self.stdout.write(f"第 {line} 行：{reason}")
        seconds = (timezone.now() - started).total_seconds()
        self.stderr.write(f"{file}：{len(table.records)} 条记录，{seconds:.1f} 秒（{table.encoding}）")
        self.stdout.write(f"imported {result.imported}, already there {result.already}, rejected {len(result.rejected)}")

    def _format(self, name: str, mapping: str, channel: str):
        if name not in FORMAT_NAMES:
            raise CommandError(f"未知的格式 {name!r}。可用：{'、'.join(FORMAT_NAMES)}")
        if name != "csv":
            if mapping or channel:
                raise CommandError("--map 和 --channel 只用于 --format csv。")
            return FORMATS[name]
        if not mapping:
            raise CommandError("--format csv 须用 --map 指明列，例如 --map subject=标题,body=内容")
        pairs = [p for p in mapping.split(",") if p.strip()]
        if any("=" not in p for p in pairs):
            raise CommandError("--map 的写法是 字段=列名，用逗号分隔，例如 subject=标题,body=内容")
        chosen = dict((k.strip(), v.strip()) for k, v in (p.split("=", 1) for p in pairs))
        try:
            fmt = custom(chosen, channel)
        except BadRecord as exc:
            raise CommandError(str(exc)) from None
        if not channel and "channel" not in chosen:
            policy = active_policy()
            raise CommandError(f"--format csv 须用 --channel 指明来源渠道（本制度受理：{'、'.join(policy.channels)}）")
        if channel and channel not in CHANNELS:
            raise CommandError(f"未知的渠道 {channel!r}。可用：{'、'.join(CHANNELS)}")
        if "channel" in chosen:
            fmt.channel_of = lambda value: _channel_code(value, channel)
        return fmt

    def _progress(self, records):
        if len(records) < LONG_FILE:
            return records
        from tqdm import tqdm

        # on stderr: stdout is the report, read by scripts
        return tqdm(records, file=sys.stderr, unit="条", desc="导入", disable=None, mininterval=0.5)


def _channel_code(value: str, default: str) -> str:
    value = value.strip()
    if value in CHANNELS:
        return value
    by_name = {label: code for code, label in CHANNELS.items()}
    if value in by_name:
        return by_name[value]
    if not value and default:
        return default
    raise BadRecord(f"未知的渠道“{value[:30]}”")

