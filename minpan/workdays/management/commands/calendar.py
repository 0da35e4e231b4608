import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minpan.workdays import schedule
from minpan.workdays.arith import CalendarError, check_span, parse_date
from minpan.workdays.service import calendar_around


class Command(BaseCommand):
    help = "工作日历：add 日期 N（第 N 个工作日）、is-workday 日期、import 文件.csv（date,kind,name）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        add = sub.add_parser("add", help="打印 日期 之后第 N 个工作日（当天不计）")
        add.add_argument("date")
        add.add_argument("days")
        isw = sub.add_parser("is-workday", help="打印 yes 或 no")
        isw.add_argument("date")
        imp = sub.add_parser("import", help="载入国务院节假日安排 CSV：date,kind,name；只替换文件所涉年份")
        imp.add_argument("file")
        imp.add_argument("--year", type=int, action="append", help="要载入的年份（可多次给出）；默认按文件内容判断")

    def handle(self, *args, verb, **opts):
        try:
            if verb == "add":
                self._add(opts["date"], opts["days"])
            elif verb == "is-workday":
                day = parse_date(opts["date"])
                cal = calendar_around(day, 0)
                self._warn_if_unknown(cal, day, day)
                self.stdout.write("yes" if cal.is_workday(day) else "no")
            else:
                self._import(Path(opts["file"]), set(opts.get("year") or ()))
        except CalendarError as exc:
            raise CommandError(str(exc)) from None

    def _add(self, date_text: str, days_text: str) -> None:
        day = parse_date(date_text)
        try:
            n = int(days_text)
        except ValueError:
            raise CalendarError(f"工作日数必须是整数：{days_text!r}") from None
        check_span(day, n)
        cal = calendar_around(day, n)
        result = cal.add(day, n)
        self._warn_if_unknown(cal, day, result)
        self.stdout.write(result.isoformat())

    def _warn_if_unknown(self, cal, start: dt.date, end: dt.date) -> None:
        missing = cal.unknown_years(start, end)
        if missing:
            self.stderr.write(
                f"警告：{'、'.join(map(str, sorted(missing)))} 年的节假日安排未载入，结果仅按周末计算。"
                "请用 `minpan calendar import 文件.csv` 载入国务院通知。"
            )

    def _import(self, path: Path, years: set[int]) -> None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CalendarError(f"找不到文件：{path}") from None
        except UnicodeDecodeError:
            raise CalendarError(f"文件不是 UTF-8 编码：{path}") from None
        p = schedule.plan(schedule.read(text), years)
        for warning in p.warnings:
            self.stderr.write(f"警告：{warning}")
        done = schedule.put_in_place(p, source=f"导入 {path.name}")
        self.stdout.write(
            f"已载入 {len(p.lines)} 个日期，年份：{'、'.join(map(str, p.years))}；"
            f"工作日变动 {len(done.changed)} 天，在办留言期限随之调整 {done.moved} 件。"
        )
