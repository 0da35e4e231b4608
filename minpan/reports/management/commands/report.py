import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from minpan.ops.replica import on_replica
from minpan.policies.active import active_policy
from minpan.reports import assessment, assessment_book, document, facts, summary, workbook
from minpan.reports.periods import Period, PeriodError


class Command(BaseCommand):
    help = ("统计与报告：stats --from 日期 --to 日期 [--format json|xlsx --out 文件]；"
            "monthly YYYY-MM --out 文件 [--format docx|xlsx]（月报）；"
            "special --from 日期 --to 日期 [--topic 词|--domain 领域|--unit 单位] --title 标题 --out 文件 [--format docx|xlsx]（专报）"
            "；assessment --year 年度 [--month YYYY-MM] [--format json|xlsx --out 文件]（单位考核）"
            "（日期为北京时间，含首尾两日）")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        stats = sub.add_parser("stats", help="统计指标：JSON 打印到标准输出，或写成 XLSX 文件")
        stats.add_argument("--from", dest="first", required=True, help="起始日期 YYYY-MM-DD")
        stats.add_argument("--to", dest="last", required=True, help="截止日期 YYYY-MM-DD（含当日）")
        stats.add_argument("--format", choices=["json", "xlsx"], default="json")
        stats.add_argument("--out", help="XLSX 文件的保存路径")
        monthly = sub.add_parser("monthly", help="月报：公文格式的 DOCX，或同样数据的 XLSX")
        monthly.add_argument("month", help="月份 YYYY-MM")
        special = sub.add_parser("special", help="专报：某一时段、专题、领域或单位的留言办理情况")
        special.add_argument("--from", dest="first", required=True, help="起始日期 YYYY-MM-DD")
        special.add_argument("--to", dest="last", required=True, help="截止日期 YYYY-MM-DD（含当日）")
        special.add_argument("--topic", default="", help="专题词：标题或内容含此词的留言")
        special.add_argument("--domain", default="", help="领域（代码或中文名）")
        special.add_argument("--unit", default="", help="承办单位（代码或名称，含下属单位）")
        special.add_argument("--title", default="", help="专报标题")
        for doc in (monthly, special):
            doc.add_argument("--out", required=True, help="保存的文件")
            doc.add_argument("--format", choices=["docx", "xlsx"], default="docx")
            doc.add_argument("--number", type=int, help="发文字号的序号（默认为月份）")
        judged = sub.add_parser("assessment", help="单位考核：按现行办理制度计算各单位的月度或年度得分及扣分、加分事项")
        judged.add_argument("--year", type=int, required=True, help="考核年度，如 2026")
        judged.add_argument("--month", help="考核月份 YYYY-MM（不给则为全年）")
        judged.add_argument("--format", choices=["json", "xlsx"], default="json")
        judged.add_argument("--out", help="XLSX 文件的保存路径")

    @on_replica
    def handle(self, *args, verb, **opts):
        if verb == "assessment":
            return self._assessment(opts)
        try:
            period = facts.month(opts["month"]) if verb == "monthly" else Period.parse(opts["first"], opts["last"])
            scope = facts.Scope.parse(topic=opts["topic"], domain=opts["domain"], unit=opts["unit"]) if verb == "special" else facts.Scope()
        except (PeriodError, facts.ScopeError) as exc:
            raise CommandError(str(exc)) from None
        if verb != "stats" and opts["format"] == "docx" and not opts["out"].lower().endswith(".docx"):
            raise CommandError("DOCX 格式的文件名须以 .docx 结尾。")
        if opts["format"] == "xlsx" and not opts.get("out"):
            raise CommandError("XLSX 格式须用 --out 指定保存的文件。")
        if verb == "stats":
            data = summary.stats(period)
            if opts["format"] == "json":
                # the whole of stdout is the one object: no BaseCommand styling or extra lines
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
                return
        path = Path(opts["out"])
        if not path.parent.is_dir():
            raise CommandError(f"保存目录不存在：{path.parent}")
        if verb == "stats":
            workbook.write(data, path)
        elif opts["format"] == "xlsx":
            workbook.write(summary.stats(period) if not scope else facts.scoped_stats(period, scope), path)
        else:
            document.write(facts.gather(period, scope), path, policy_name=settings.MINPAN_POLICY, special=verb == "special",
                           title=opts.get("title") or "", number=opts["number"])
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
