"""The dashboard's charts: bar geometry computed on the server (pure, no database)."""
from minpan.reports import charts


def test_a_full_rate_fills_the_room_and_half_fills_half():
    chart = charts.horizontal("按时办结率", [("甲", 1.0, "4/4", "/a"), ("乙", 0.5, "1/2", "/b"), ("丙", 0, "0/1", "/c")], top=1.0)
    full, half, none = chart.bars
    assert full.width == charts.WIDTH - charts.LABEL - charts.VALUE
    assert half.width == full.width / 2 and none.width == 0
    assert [b.href for b in chart.bars] == ["/a", "/b", "/c"]
    assert half.y > full.y and chart.height >= none.y + none.height


def test_columns_stand_on_one_baseline_scaled_to_the_largest():
    chart = charts.columns("收到与答复", [("9月", [(4, "/r9"), (1, "/a9")]), ("10月", [(6, "/r10"), (4, "/a10")])],
                           [("收到", "#111"), ("答复", "#222")])
    assert [b.text for b in chart.bars] == ["4", "1", "6", "4"]
    assert len({round(b.y + b.height, 1) for b in chart.bars}) == 1
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.href == "/r10"
    assert [label for _, _, label in chart.ticks] == ["9月", "10月"]
    assert [colour for _, colour in chart.coloured()] == ["#111", "#222", "#111", "#222"]
