import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minpan.policies.active import active_policy
from minpan.reports import assessment, assessment_book, summary, workbook
from minpan.reports.periods import Period, PeriodError


class Command(BaseCommand):
    help = ("统计与报告：stats --from 日期 --to 日期 [--format json|xlsx --out 文件]（日期为北京时间，含首尾两日）；"
            "assessment --year 年度 [--month YYYY-MM] [--format json|xlsx --out 文件]（单位考核）")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        stats = sub.add_parser("stats", help="统计指标：JSON 打印到标准输出，或写成 XLSX 文件")
        stats.add_argument("--from", dest="first", required=True, help="起始日期 YYYY-MM-DD")
        stats.add_argument("--to", dest="last", required=True, help="截止日期 YYYY-MM-DD（含当日）")
        stats.add_argument("--format", choices=["json", "xlsx"], default="json")
        stats.add_argument("--out", help="XLSX 文件的保存路径")
        judged = sub.add_parser("assessment", help="单位考核：按现行办理制度计算各单位的月度或年度得分及扣分、加分事项")
        judged.add_argument("--year", type=int, required=True, help="考核年度，如 2026")
        judged.add_argument("--month", help="考核月份 YYYY-MM（不给则为全年）")
        judged.add_argument("--format", choices=["json", "xlsx"], default="json")
        judged.add_argument("--out", help="XLSX 文件的保存路径")

    def handle(self, *args, verb, **opts):
        if verb == "assessment":
            return self._assessment(opts)
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

    def _assessment(self, opts: dict) -> None:
        """单位考核 under the policy in force: one JSON object on stdout, or the workbook."""
        out = opts.get("out")
        try:
            period = assessment.period_of(str(opts["year"]), opts.get("month") or "")
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        if opts["format"] == "xlsx" and not out:
            raise CommandError("XLSX 格式须用 --out 指定保存的文件。")
        policy = active_policy()
        data = assessment.as_dict(period, policy, assessment.assess(period, policy, items_of=None))
        if opts["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        path = Path(out or "")
        if not path.parent.is_dir():
            raise CommandError(f"保存目录不存在：{path.parent}")
        assessment_book.write(data, path, f"{policy.title} 单位考核（{period}）")
        self.stderr.write(f"已保存：{path}")
