import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minpan.ops.replica import on_replica
from minpan.reports import summary, workbook
from minpan.reports.periods import Period, PeriodError


class Command(BaseCommand):
    help = "统计与报告：stats --from 日期 --to 日期 [--format json|xlsx --out 文件]（日期为北京时间，含首尾两日）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        stats = sub.add_parser("stats", help="统计指标：JSON 打印到标准输出，或写成 XLSX 文件")
        stats.add_argument("--from", dest="first", required=True, help="起始日期 YYYY-MM-DD")
        stats.add_argument("--to", dest="last", required=True, help="截止日期 YYYY-MM-DD（含当日）")
        stats.add_argument("--format", choices=["json", "xlsx"], default="json")
        stats.add_argument("--out", help="XLSX 文件的保存路径")

    @on_replica
    def handle(self, *args, verb, **opts):
        try:
            period = Period.parse(opts["first"], opts["last"])
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        if opts["format"] == "xlsx" and not opts.get("out"):
            raise CommandError("XLSX 格式须用 --out 指定保存的文件。")
        data = summary.stats(period)
        if opts["format"] == "json":
            # the whole of stdout is the one object: no BaseCommand styling or extra lines
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        path = Path(opts["out"])
        if not path.parent.is_dir():
            raise CommandError(f"保存目录不存在：{path.parent}")
        workbook.write(data, path)
        self.stderr.write(f"已保存：{path}")
