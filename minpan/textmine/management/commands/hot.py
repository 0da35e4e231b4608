"""`minpan hot evaluate --csv FILE [--top 5]` and `minpan hot month YYYY-MM [--top 10]`: hot topics
(热点问题) of a CSV's whole period, or of a calendar month of the cases in the database."""
import time

from django.core.management.base import BaseCommand, CommandError

from minpan.redaction import redact
from minpan.textmine import hot


def _growth(topic) -> str:
    g = topic.growth
    return "新出现" if g is None else f"{g:+.0%}"


class Command(BaseCommand):
    help = "热点问题：evaluate 对 CSV 全期聚类排名；month 对数据库中某月的留言聚类排名"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        ev = sub.add_parser("evaluate", help="CSV 全期的热点问题（列同泰迪杯附件3）")
        ev.add_argument("--csv", required=True, help="列：留言编号,留言用户,留言主题,留言时间,留言详情,反对数,点赞数")
        ev.add_argument("--top", type=int, default=5, help="列出前几个（默认 5）")
        ev.add_argument("--show", type=int, default=3, help="每个热点列出几条示例标题（默认 3）")
        mo = sub.add_parser("month", help="某月（YYYY-MM）数据库中留言的热点问题，含与上月相比的增长")
        mo.add_argument("month", help="例如 2026-10")
        mo.add_argument("--top", type=int, default=10, help="列出前几个（默认 10）")

    def handle(self, *args, verb, **opts):
        if opts["top"] < 1:
            raise CommandError("--top 至少为 1")
        if verb == "evaluate":
            return self.evaluate(opts["csv"], opts["top"], opts["show"])
        return self.month(opts["month"], opts["top"])

    def evaluate(self, path, top, show):
        try:
            messages, skipped = hot.read_csv(path)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(str(exc)) from None
        started = time.perf_counter()
        found = hot.topics(messages)
        seconds = time.perf_counter() - started
        first = min((m.at for m in messages), default=None)
        last = max((m.at for m in messages), default=None)
        self.stdout.write(f"messages {len(messages)} (skipped without a readable time: {skipped}), "
                          f"{first:%Y-%m-%d} .. {last:%Y-%m-%d}; {len(found)} topics in {seconds:.1f} s"
                          if messages else "messages 0")
        for rank, t in enumerate(found[:top], 1):
            self.stdout.write(f"{rank}. {t.name}")
            self.stdout.write(f"   messages {t.messages}, writers {t.writers}, likes {t.likes}, "
                              f"{t.first:%Y-%m-%d} .. {t.last:%Y-%m-%d}, heat {t.heat:.1f}")
            for title in t.samples[:show]:
                self.stdout.write(f"   - {' '.join(title.split())}")

    def month(self, month, top):
        from minpan.textmine import hotcases  # reads the database: imported only for this verb

        try:
            report = hotcases.month_topics(month=month)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{report.label}: {report.cases} 条留言（上月 {report.previous_cases} 条），{len(report.topics)} 个话题")
        for rank, t in enumerate(report.topics[:top], 1):
            self.stdout.write(f"{rank}. {redact(t.name)}  留言 {t.messages}，点赞 {t.likes}，上月 {t.previous}，增长 {_growth(t)}")
            for title in t.samples[:2]:
                self.stdout.write(f"   - {redact(' '.join(title.split()))}")
