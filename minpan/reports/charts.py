"""Charts drawn on the server: the geometry of simple SVG bar charts, which the templates write
out as <svg> with a link on every bar (no chart library, nothing run in the browser). Pure: no models."""
from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
ROW = 26          # height of one bar's row in a horizontal chart
LABEL = 150       # room for the labels left of the bars
VALUE = 90        # room for the value right of the longest bar
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    text: str         # the value as shown ("3/4 · 75.0%")
    href: str
    x: float
    y: float
    width: float
    height: float

    @property
    def text_x(self) -> float:
        return self.x + self.width + 6

    @property
    def text_y(self) -> float:
        return self.y + self.height / 2 + 4


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar]
    series: list[tuple[str, str]]  # (name, colour) for the legend
    colours: dict[int, str]        # bar index -> colour
    ticks: tuple[tuple[float, float, str], ...] = ()  # (x, y, label) under the columns

    def coloured(self) -> list[tuple[Bar, str]]:
        return [(b, self.colours.get(i, self.series[0][1] if self.series else "#2b6cb0")) for i, b in enumerate(self.bars)]


def horizontal(title: str, rows: list[tuple[str, float, str, str]], *, top: float | None = None, colour: str = "#2b6cb0") -> Chart:
    """One bar a row: (label, value, text, href). `top` is the value of a full-length bar
    (1.0 for a rate); else the largest value."""
    scale = top if top else max((v for _, v, _, _ in rows), default=0) or 1
    room = WIDTH - LABEL - VALUE
    bars = [
        Bar(label=label, text=text, href=href, x=LABEL, y=TOP + i * ROW, width=round(room * max(value, 0) / scale, 1), height=ROW - 8)
        for i, (label, value, text, href) in enumerate(rows)
    ]
    return Chart(title=title, width=WIDTH, height=TOP * 2 + ROW * len(rows), bars=bars, series=[(title, colour)], colours={})


def columns(title: str, groups: list[tuple[str, list[tuple[float, str]]]], series: list[tuple[str, str]], *, height: int = 220) -> Chart:
    """Columns side by side for each group (a month): groups are (label, [(value, href) per series])."""
    n = len(series)
    base = height - 30
    scale = max((v for _, vals in groups for v, _ in vals), default=0) or 1
    slot = (WIDTH - 40) / max(len(groups), 1)
    width = min(28.0, (slot - 12) / max(n, 1))
    bars: list[Bar] = []
    colours: dict[int, str] = {}
    ticks: list[tuple[float, float, str]] = []
    for g, (label, values) in enumerate(groups):
        left = 40 + g * slot + (slot - width * n) / 2
        ticks.append((round(40 + g * slot + slot / 2, 1), base + 18, label))
        for s, (value, href) in enumerate(values):
            h = round((base - 20) * max(value, 0) / scale, 1)
            colours[len(bars)] = series[s][1]
            bars.append(Bar(label=label, text=_num(value), href=href, x=round(left + s * width, 1), y=base - h, width=width - 2, height=h))
    return Chart(title=title, width=WIDTH, height=height, bars=bars, series=series, colours=colours, ticks=tuple(ticks))


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
