"""The words of a report document, drafted from the figures (facts.Facts): each section a few
sentences, a table or a chart. Which sections, in which order and under which headings is the
active policy's (OUTLINES, keyed by policy name): Chizhou 第十一条 asks for a monthly
办理情况分析报告 that looks at 群众反映较为集中的事项 and 分类分项建立管长远的工作机制; Yuncheng
五(六) for 专报 and 月报 that 分类统计，分析研判. Pure: no models (the figures come in Facts)."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import pictures
from .facts import Facts

CHINESE = "一二三四五六七八九十"


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    heading: str                       # without its number: 总体情况
    paragraphs: list[str]
    tables: list[Table] = field(default_factory=list)
    pictures: list[pictures.Picture] = field(default_factory=list)


@dataclass(frozen=True)
class Outline:
    title: str                         # the monthly report's title; {period} is filled in
    sections: tuple[tuple[str, str], ...]  # (heading, what it says: a key of DRAFTERS)
    basis: str = ""                    # the article that asks for the report


GENERAL = Outline(
    title="{period}网民留言办理情况月报",
    sections=(("总体情况", "overall"), ("按时办结情况", "on_time"), ("超期未办情况", "overdue"), ("满意度情况", "satisfaction"),
              ("各单位办理情况", "units"), ("热点问题", "hot"), ("下步工作", "next")),
)
OUTLINES = {
    # 第十一条: 认真分析研究群众反映较为集中的事项，分类分项建立管长远的工作机制。市政府办公室每月形成办理情况分析报告
    "chizhou": Outline(
        title="{period}网友留言、政务热线办理情况分析报告",
        sections=(("总体办理情况", "overall"), ("办理时效情况", "timeliness"), ("群众满意情况", "satisfaction"),
                  ("各承办单位办理情况", "units"), ("群众反映较为集中的事项", "hot"), ("分类分项建立长效工作机制的建议", "next")),
        basis="《池州市网友留言、政务热线等办理工作办法》第十一条",
    ),
    # 五(六): 对网民留言进行分类统计，分析研判，以“专报”“月报”的形式，定期报告市委、市政府
    "yuncheng": Outline(title="{period}网民留言办理情况月报", sections=GENERAL.sections,
                        basis="《运城市集中受理网民留言工作实施方案》五(六)"),
}


def outline(policy_name: str) -> Outline:
    return OUTLINES.get(policy_name, GENERAL)


def number(n: int) -> str:
    """一 … 十, 十一 … 九十九: the sections' numbers."""
    if n <= 10:
        return CHINESE[n - 1]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else CHINESE[tens - 1]}十{CHINESE[ones - 1] if ones else ''}"


def when(period) -> str:
    """2026年10月 for a calendar month, else 2026年10月8日至2026年10月21日."""
    def day(d) -> str:
        return f"{d.year}年{d.month}月{d.day}日"
    if period.whole_months == 1:
        return f"{period.first.year}年{period.first.month}月"
    return f"{day(period.first)}至{day(period.last)}"


def pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _change(now: int, before: int) -> str:
    if before == 0:
        return "上期为0件" if now else "与上期持平（均为0件）"
    if now == before:
        return f"与上期持平（{before}件）"
    word = "增长" if now > before else "下降"
    return f"环比{word}{abs(now - before) / before * 100:.1f}%（上期{before}件）"


def _points(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return ""
    diff = (now - before) * 100
    if abs(diff) < 0.05:
        return "，与上期持平"
    return f"，比上期{'提高' if diff > 0 else '下降'}{abs(diff):.1f}个百分点"


def _top(rows: list[dict], key: str, n: int = 3) -> str:
    ranked = sorted((r for r in rows if r[key]), key=lambda r: -r[key])[:n]
    return "、".join(f"{r.get('label') or r.get('unit')}{r[key]}件" for r in ranked)


def overall(f: Facts) -> Section:
    s, p = f.stats, f.stats["previous"]
    about = f"{f.scope.words()}的" if f.scope else ""
    text = [f"{when(f.period)}，共收到{about}群众留言{s['received']}件，{_change(s['received'], p['received'])}。"
            f"其中受理{s['accepted']}件，不予受理{s['not_accepted']}件，并入相同事项办理（并单）{s['merged']}件。"
            f"本期答复{s['answered']}件，其中在网站公开答复{s['answered_public']}件。"]
    channels, types = _top(s["by_channel"], "received"), _top(s["by_type"], "received")
    if channels:
        text.append(f"从来源渠道看，留言较多的是{channels}；从留言类型看，{types or '尚未分类'}。")
    tables = [
        Table("表1 各渠道留言办理情况", ["渠道", "收到", "受理", "答复", "按时办结率", "满意率"],
              [[r["label"], str(r["received"]), str(r["accepted"]), str(r["answered"]), pct(r["on_time_rate"]), pct(r["satisfaction_rate"])]
               for r in s["by_channel"]]),
        Table("表2 各类型留言办理情况", ["留言类型", "收到", "受理", "答复", "按时办结率", "满意率"],
              [[r["label"], str(r["received"]), str(r["accepted"]), str(r["answered"]), pct(r["on_time_rate"]), pct(r["satisfaction_rate"])]
               for r in s["by_type"]]),
    ]
    trend = pictures.lines(f"图1 近{len(f.trend)}个月收到与答复留言数", f.trend, ("收到", "答复"))
    return Section("", text, tables, [trend])


def on_time(f: Facts) -> Section:
    s, p = f.stats, f.stats["previous"]
    if s["fell_due"]:
        text = [f"本期办理期限（含批准的延期）届满的留言{s['fell_due']}件，在期限当日24时前办结{s['fell_due_on_time']}件，"
                f"按时办结率{pct(s['on_time_rate'])}{_points(s['on_time_rate'], p['on_time_rate'])}。"]
    else:
        text = ["本期没有办理期限届满的留言，按时办结率无从计算。"]
    more = f"本期批准延期{s['extensions']}件，承办单位退办{s['returns']}件；报送答复{s['submitted']}件，退回重新办理{s['send_backs']}件"
    more += f"，重办率{pct(s['send_back_rate'])}。" if s["submitted"] else "。"
    if s.get("avg_working_days") is not None:
        more += f"本期答复的留言平均用时{s['avg_working_days']:.1f}个工作日，中位数{s['median_working_days']:.1f}个工作日。"
    return Section("", [*text, more])


def overdue(f: Facts) -> Section:
    s = f.stats
    end = f"{f.period.last:%Y年%m月%d日}".replace("年0", "年").replace("月0", "月")
    if not s["overdue_open"]:
        return Section("", [f"截至{end}24时，没有超过办理期限仍未办结的留言。"])
    units = [r for r in s["by_unit"] if r["overdue_open"]]
    listed = "、".join(f"{r['unit']}{r['overdue_open']}件" for r in sorted(units, key=lambda r: -r["overdue_open"]))
    before = s["previous"]["overdue_open"]
    text = f"截至{end}24时，超过办理期限仍未办结的留言{s['overdue_open']}件（上期末{before}件）"
    text += f"，涉及{len(units)}个单位：{listed}。" if units else "，尚未交办承办单位。"
    return Section("", [text])


def timeliness(f: Facts) -> Section:
    a, b = on_time(f), overdue(f)
    return Section("", a.paragraphs + b.paragraphs)


def satisfaction(f: Facts) -> Section:
    s, p = f.stats, f.stats["previous"]
    if not s["rated"]:
        text = "本期没有收到群众对答复的评价。"
    else:
        unsatisfied = s["rated"] - s["satisfied"]
        text = (f"本期收到群众评价{s['rated']}件，其中满意和基本满意{s['satisfied']}件，不满意{unsatisfied}件，"
                f"满意率{pct(s['satisfaction_rate'])}{_points(s['satisfaction_rate'], p['satisfaction_rate'])}。")
    return Section("", [text + f"本期回访留言人{s['callbacks']}件次。"])


def units(f: Facts) -> Section:
    rows = f.stats["by_unit"]
    if not rows:
        return Section("", ["本期没有交办承办单位的留言。"])
    text = [f"本期共有{len(rows)}个单位（含下属单位）承办的留言列入统计，各单位办理情况见表3和图2。"]
    rated = [r for r in rows if r["fell_due"]]
    if rated:
        best = max(rated, key=lambda r: (r["on_time_rate"], r["fell_due"]))
        worst = min(rated, key=lambda r: (r["on_time_rate"], -r["fell_due"]))
        line = f"按时办结率最高的是{best['unit']}（{pct(best['on_time_rate'])}）"
        if worst is not best and worst["on_time_rate"] < best["on_time_rate"]:
            line += f"，最低的是{worst['unit']}（{pct(worst['on_time_rate'])}，期限届满{worst['fell_due']}件、按期办结{worst['fell_due_on_time']}件）"
        text.append(line + "。")
    table = Table("表3 各单位留言办理情况", ["单位", "收到", "答复", "期限届满", "按期办结", "按时办结率", "期末逾期未办结", "满意率"],
                  [[r["unit"], str(r["received"]), str(r["answered"]), str(r["fell_due"]), str(r["fell_due_on_time"]),
                    pct(r["on_time_rate"]), str(r["overdue_open"]), pct(r["satisfaction_rate"])] for r in rows])
    chart = pictures.bars("图2 各单位收到与答复留言数", [(r["unit"], r["received"], r["answered"]) for r in rows], ("收到", "答复"))
    return Section("", text, [table], [chart])


def hot(f: Facts) -> Section:
    s = f.stats
    text = []
    if f.hot:
        listed = "；".join(f"{t['name']}，{t['messages']}件（{t['writers']}人），上月{t['previous']}件" for t in f.hot)
        text.append(f"群众反映较为集中的问题依次是：{listed}。")
    domains = _top(s["by_domain"], "received")
    if domains:
        text.append(f"分领域看，留言较多的是{domains}。")
    kinds = [r for r in s["by_type"] if r["label"] == "投诉" and r["received"]]
    if kinds:
        text.append(f"投诉类留言{kinds[0]['received']}件，占收到留言的{pct(kinds[0]['received'] / s['received'] if s['received'] else None)}。")
    if not text:
        text.append("本期收到的留言较少，没有形成反映集中的问题。")
    table = Table("表4 各领域留言情况", ["领域", "收到", "答复", "期末逾期未办结"],
                  [[r["label"], str(r["received"]), str(r["answered"]), str(r["overdue_open"])] for r in s["by_domain"]])
    return Section("", text, [table] if s["by_domain"] else [])


def next_steps(f: Facts) -> Section:
    """Proposals drawn from the figures: what is overdue, who is late, what was sent back, where
    people are not satisfied, what is asked most."""
    s, text = f.stats, []
    late = [r for r in s["by_unit"] if r["overdue_open"]]
    if late:
        names = "、".join(r["unit"] for r in late)
        text.append(f"督促{names}抓紧办理逾期未办结的{s['overdue_open']}件留言，逐件明确办结时限，办结后及时答复留言人。")
    slow = [r for r in s["by_unit"] if r["on_time_rate"] is not None and s["on_time_rate"] is not None and r["on_time_rate"] < s["on_time_rate"]]
    if slow:
        text.append(f"对按时办结率低于全市平均水平（{pct(s['on_time_rate'])}）的{'、'.join(r['unit'] for r in slow)}进行提醒，分析原因，压实办理责任。")
    if s["send_backs"]:
        text.append(f"对本期退回重新办理的{s['send_backs']}件留言，跟踪重新办理的质量，防止答非所问、敷衍塞责。")
    if s["rated"] > s["satisfied"]:
        text.append(f"对群众评价不满意的{s['rated'] - s['satisfied']}件留言开展回访核实，能解决的推动解决，不能解决的做好解释。")
    focus = f.hot[0]["name"] if f.hot else next((r["label"] for r in sorted(s["by_domain"], key=lambda r: -r["received"]) if r["received"]), "")
    if focus:
        text.append(f"针对{focus}方面反映较为集中的问题，建议相关单位分类分项梳理，建立管长远的工作机制，减少同类问题反复反映。")
    if not text and not (s["received"] or s["answered"] or s["fell_due"]):
        about = f"{f.scope.words()}的" if f.scope else ""
        text.append(f"本期没有收到{about}留言，也没有到期待办的留言；继续关注群众的相关诉求，有新留言时按时办理。")
    elif not text:
        text.append("本期到期的留言均按时办结，没有逾期未办结和评价不满意的留言，继续保持办理质量和时效。")
    return Section("", text)


DRAFTERS = {"overall": overall, "on_time": on_time, "overdue": overdue, "timeliness": timeliness,
            "satisfaction": satisfaction, "units": units, "hot": hot, "next": next_steps}


def sections(f: Facts, policy_name: str) -> list[Section]:
    out = []
    for heading, key in outline(policy_name).sections:
        section = DRAFTERS[key](f)
        section.heading = heading
        out.append(section)
    return out
