"""A queue page's rows are drawn in Python (desk.result_rows): what it writes must be what the
template loop it replaced wrote, to the byte, whatever the rows hold (a writer's subject with <, &,
quotes; safe strings; empty cells; the bulk bar's checkbox or its dash), and on real pages."""
import datetime as dt
import re
from pathlib import Path

from django.template import engines
from django.utils import timezone
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from minpan.cases.models import Case
from minpan.desk.result_rows import result_rows
from tests.desk.many import many_cases

# the loop as desk/_results.html held it before the rows were drawn in Python (commit 917c344)
LOOP = (Path(__file__).parent / "results_loop.html").read_text(encoding="utf-8")
TEMPLATE = engines["django"].from_string(LOOP)

texts = st.text(alphabet=st.sampled_from(list("ab路灯 <>&\"'\n0１")), max_size=8)
cells = st.one_of(texts, texts.map(mark_safe), st.just(""))
moments = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31), timezones=st.just(dt.UTC))


@st.composite
def rows(draw):
    due = draw(st.one_of(st.none(), moments))
    left = draw(st.one_of(st.none(), st.integers(-30, 30)))
    return {
        "case": Case(due_at=due), "pk": draw(st.integers(1, 10**7)), "ref": draw(cells), "subject": draw(cells),
        "channel": draw(cells), "type": draw(cells), "state": draw(cells), "unit": draw(cells),
        "received": timezone.localtime(draw(moments)), "left": left if due else None, "tone": draw(cells),
        "left_text": draw(cells), "tags": draw(st.lists(st.tuples(cells, cells), max_size=3)),
        "dispatchable": draw(st.booleans()),
    }


def _loop(rows, base, bulk):
    return TEMPLATE.render({"rows": rows, "case_base": base, "bulk": bulk})


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(rows(), max_size=4), base=st.one_of(st.just("/desk/case/"), texts), bulk=st.booleans())
def test_rows_drawn_as_the_template_drew_them(rows, base, bulk):
    assert result_rows(rows, base, bulk) == _loop(rows, base, [(1, "x")] if bulk else [])


def test_a_writers_markup_stays_text_in_the_list():
    row = {"case": Case(due_at=None), "pk": 7, "ref": "2026-000007", "subject": '<script>alert("x")</script>&',
           "channel": "门户网站", "type": "投诉", "state": "待初审", "unit": "", "received": timezone.localtime(),
           "left": None, "tone": "none", "left_text": "未计时", "tags": [("red", "<b>督办</b>")], "dispatchable": True}
    html = result_rows([row], "/desk/case/", True)
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in html
    assert "&lt;b&gt;督办&lt;/b&gt;" in html


def _tbody(html: str) -> str:
    return re.search(r"<tbody>\n(.*)\n</tbody>", html, re.S).group(1)


def test_queue_pages_hold_the_rows_the_template_drew(client, city):
    many_cases(6, state="dispatched", lead=city.housing, due_in_days=-1)
    many_cases(4, state="registered", start=100, supervised=True, urgency="urgent")
    many_cases(3, state="received", start=200)
    for who, slug in [("operator", "dispatch"), ("operator", "working"), ("operator", "all"), ("handler", "working"),
                      ("operator", "review"), ("reviewer", "sign")]:
        client.force_login(getattr(city, who))
        resp = client.get(f"/desk/q/{slug}/")
        assert resp.status_code == 200
        ctx = resp.context
        assert _tbody(resp.content.decode()) == _loop(ctx["rows"], ctx["case_base"], ctx.get("bulk")), (who, slug)
