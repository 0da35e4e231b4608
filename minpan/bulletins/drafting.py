"""What a bulletin says, drafted from the statistics (minpan.reports.indicators, its public
functions only): the units to criticise for overdue cases or perfunctory answers and the units to
praise, each with its figures and the case numbers behind it, and the text around them.

The policy decides what is named (Policy.bulletins.kinds) and the thresholds for praise. Units are
the top units (a street's cases count for its district), as in every by-unit figure."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from minpan.cases.models import Case, Event
from minpan.cases.states import Action
from minpan.reports.indicators import cases_behind, figures, top_units
from minpan.reports.periods import Period
from minpan.units.models import Unit

from .models import Section

CHINESE_ORDINALS = "一二三四五六七八九十"
# the figures each line keeps: what its table shows
FIGURES = ("fell_due", "fell_due_on_time", "on_time_rate", "overdue_open", "answered", "rated", "satisfaction_rate")


@dataclass
class Draft:
    title: str
    paragraphs: list[str]
    lines: list[dict] = field(default_factory=list)


def last_period(every: str, today: dt.date) -> Period:
    """The whole month (or quarter) that ended before `today`: the one a bulletin covers now."""
    months = 3 if every == "quarter" else 1
    index = today.year * 12 + today.month - 1  # this month
    index -= (index % months) + months          # the first month of the period before this one
    first = dt.date(index // 12, index % 12 + 1, 1)
    return Period(first, Period.month((index + months - 1) // 12, (index + months - 1) % 12 + 1).last)


def period_label(period: Period) -> str:
    months = period.whole_months
    if months == 1:
        return f"{period.first.year}年{period.first.month}月"
    if months == 3 and period.first.month % 3 == 1:
        return f"{period.first.year}年第{CHINESE_ORDINALS[period.first.month // 3]}季度"
    return str(period)


def draft(period: Period, policy) -> Draft:
    rules = policy.bulletins
    by_unit = {k: v for k, v in figures(period, by="unit").items() if k is not None}
    names = dict(Unit.objects.filter(pk__in=by_unit).values_list("pk", "name"))
    perfunctory = _perfunctory(period)
    lines: list[dict] = []
    if "overdue" in rules.kinds:
        for unit, fig in sorted(by_unit.items(), key=lambda kv: names.get(kv[0], "")):
            late = fig.overdue_open or fig.fell_due - fig.fell_due_on_time
            if late:
                lines.append(_line(Section.OVERDUE, unit, names, fig, _overdue_cases(period, unit)))
    if "perfunctory" in rules.kinds:
        for unit, refs in sorted(perfunctory.items(), key=lambda kv: names.get(kv[0], "")):
            lines.append(_line(Section.PERFUNCTORY, unit, names, by_unit.get(unit), sorted(refs)))
    if "exemplary" in rules.kinds:
        for unit, fig in sorted(by_unit.items(), key=lambda kv: names.get(kv[0], "")):
            if _exemplary(fig, rules) and unit not in perfunctory:
                lines.append(_line(Section.EXEMPLARY, unit, names, fig, _refs(cases_behind(period, "fell_due", "unit", unit))))
    label = period_label(period)
    return Draft(title=f"关于{label}网民留言办理情况的通报", paragraphs=_paragraphs(period, label, policy, lines), lines=lines)


def _exemplary(fig, rules) -> bool:
    on_time, satisfied = fig.on_time_rate, fig.satisfaction_rate
    return (fig.fell_due >= rules.praise_min_cases and fig.overdue_open == 0
            and on_time is not None and on_time * 100 >= rules.praise_on_time_percent
            and satisfied is not None and satisfied * 100 >= rules.praise_satisfied_percent)


def _line(section: str, unit: int, names: dict, fig, cases: list[str]) -> dict:
    values = {name: getattr(fig, name) if fig is not None else None for name in FIGURES}
    if section == Section.PERFUNCTORY:
        values["perfunctory"] = len(cases)
    return {"section": str(section), "unit": unit, "unit_name": names.get(unit) or Unit.objects.get(pk=unit).name,
            "figures": values, "cases": cases}


def _refs(cases) -> list[str]:
    return sorted(c.reference for c in cases.only("pk", "reg_no"))


def _overdue_cases(period: Period, unit: int) -> list[str]:
    """Past their deadline at the period's end, or answered after a deadline that fell in it."""
    fell_due = cases_behind(period, "fell_due", "unit", unit)
    late = fell_due.exclude(pk__in=cases_behind(period, "fell_due_on_time", "unit", unit).values("pk"))
    still_open = cases_behind(period, "overdue_open", "unit", unit)
    return _refs(Case.objects.filter(Q(pk__in=late.values("pk")) | Q(pk__in=still_open.values("pk"))))


def _perfunctory(period: Period) -> dict[int, set[str]]:
    """{top unit: case numbers} of the answers the center sent back in the period for a quality
    fault the policy names (答非所问、敷衍塞责 …: the fault recorded on the send-back)."""
    events = (Event.objects.filter(action=Action.SEND_BACK, at__gte=period.start, at__lt=period.end)
              .exclude(data__fault="").filter(data__has_key="fault").select_related("case"))
    found: dict[int, set[str]] = {}
    rows = [(e.case.lead_unit_id or e.unit_id, e.case.reference) for e in events]
    tops = top_units({unit for unit, _ in rows})
    for unit, ref in rows:
        if unit in tops:
            found.setdefault(tops[unit].pk, set()).add(ref)
    return found


def _percent(rate) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _paragraphs(period: Period, label: str, policy, lines: list[dict]) -> list[str]:
    total = figures(period)[None]
    article = policy.bulletins.article
    out = [
        f"根据《{policy.document}》{article}的规定，现将{label}网民留言办理情况通报如下。",
        f"一、总体情况。{label}共收到网民留言 {total.received} 件，受理 {total.accepted} 件，答复 {total.answered} 件；"
        f"到期应办结 {total.fell_due} 件，按期办结 {total.fell_due_on_time} 件，按时办结率 {_percent(total.on_time_rate)}；"
        f"期末逾期未办结 {total.overdue_open} 件；网民评价 {total.rated} 件，满意率 {_percent(total.satisfaction_rate)}。",
    ]
    n = 1
    for section, heading, said, none in (
        (Section.EXEMPLARY, "通报表扬", "以下单位办理工作认真、办理质量好，予以通报表扬", "本期没有达到表扬条件的单位。"),
        (Section.OVERDUE, "逾期办理", "以下单位存在逾期办理的留言，予以通报批评", "本期没有逾期办理的单位。"),
        (Section.PERFUNCTORY, "答复质量", "以下单位的答复存在答非所问、敷衍塞责等问题，被退回重新办理，予以通报批评",
         "本期没有答复被认定敷衍塞责而退回重办的单位。"),
    ):
        if section not in policy.bulletins.kinds:
            continue
        named = [line for line in lines if line["section"] == section]
        n += 1
        units = "、".join(f"{line['unit_name']}（{len(line['cases'])} 件）" for line in named)
        out.append(f"{CHINESE_ORDINALS[n - 1]}、{heading}。" + (f"{said}：{units}。留言编号见附表。" if named else none))
    if any(line["section"] != Section.EXEMPLARY for line in lines):
        out.append("请被通报批评的单位认真查找原因，抓紧办结逾期留言，提高答复质量，并将整改情况报送网民留言办理中心。")
    return out
