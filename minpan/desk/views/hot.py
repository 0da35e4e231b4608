"""Hot topics (热点问题) of a month for the center and city leaders: the page and the monthly report's
DOCX section. Units' staff get 403: a topic lists cases of every unit."""
from __future__ import annotations

import io
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from minpan.cases.models import Case
from minpan.redaction import redact
from minpan.textmine import hotcases
from minpan.units.roles import CENTER_ROLES

from ..documents import add_title, gbt9704_document
from .common import forbidden, role_labels, staff_roles

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SHOWN = 20  # topics on the page
IN_REPORT = 10  # topics in the monthly report


# The page's orders (the report's own order is heat). Rising: most new messages against the month
# before, so a topic going from 0 to 6 ranks above one going from 1 to 3 (+200 %).
SORTS = {
    "heat": ("热度", None),
    "count": ("留言数", lambda t: (-t.messages, -t.writers)),
    "likes": ("点赞数", lambda t: (-t.likes, -t.messages)),
    "growth": ("增长", lambda t: (-(t.messages - t.previous), -t.messages)),
}


def _center_only(request):
    roles = staff_roles(request.user)
    if not roles & CENTER_ROLES:
        return None, forbidden(request, "热点问题汇总了各单位的留言，只对中心工作人员、督查人员和市领导开放。")
    return roles, None


def growth_label(topic) -> str:
    g = topic.growth
    if g is None:
        return "新出现"
    return f"{g:+.0%}".replace("+", "↑ ").replace("-", "↓ ") if g else "持平"


@login_required
def hot_page(request):
    roles, refused = _center_only(request)
    if refused:
        return refused
    month = request.GET.get("month") or hotcases.last_full_month(timezone.localdate())
    try:
        report = hotcases.month_topics(month=month)
    except ValueError as exc:
        return render(request, "desk/hot.html", {"error": str(exc), "month": month, "roles": role_labels(roles)}, status=400)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "heat"
    topics = sorted(report.topics, key=SORTS[sort][1])[:SHOWN] if sort != "heat" else report.topics[:SHOWN]
    ids = [k for t in topics for k in t.keys]
    cases = Case.objects.in_bulk(ids)
    rows = [{
        "topic": t, "growth": growth_label(t),
        "cases": [cases[k] for k in t.keys if k in cases],
    } for t in topics]
    return render(request, "desk/hot.html", {
        "report": report, "rows": rows, "month": month, "roles": role_labels(roles),
        "sort": sort, "sorts": [(k, label) for k, (label, _) in SORTS.items()],
        "more": max(0, len(report.topics) - SHOWN),
    })


@login_required
def hot_docx(request, month: str):
    _, refused = _center_only(request)
    if refused:
        return refused
    try:
        report = hotcases.month_topics(month=month)
    except ValueError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    resp = HttpResponse(report_section(report), content_type=DOCX)
    name = quote(f"热点问题-{month}.docx")
    resp["Content-Disposition"] = f"attachment; filename=\"hot-{month}.docx\"; filename*=UTF-8''{name}"
    return resp


def report_section(report, top: int = IN_REPORT) -> bytes:
    """The 热点问题 section of the monthly report. Titles and names come from citizens' text, so every
    string from a message is redacted (names, phones, ID numbers …) before it goes in."""
    book = gbt9704_document()  # A4 and GB/T 9704's margins and fonts, as the case documents
    add_title(book, f"热点问题（{report.label}）")
    book.add_paragraph(
        f"本月收到留言 {report.cases} 条（上月 {report.previous_cases} 条）。按同一地点、同一问题归并为话题，"
        "依留言人数、留言数和点赞数排序；增长为与上月同一话题留言数相比。")
    topics = report.topics[:top]
    if not topics:
        book.add_paragraph("本月没有留言。")
    else:
        table = book.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("序号", "热点问题", "留言数", "点赞数", "较上月", "示例标题")):
            cell.text = text
        for rank, t in enumerate(topics, 1):
            cells = table.add_row().cells
            cells[0].text = str(rank)
            cells[1].text = redact(t.name)
            cells[2].text = str(t.messages)
            cells[3].text = str(t.likes)
            cells[4].text = f"{growth_label(t)}（上月 {t.previous}）"
            _examples(cells[5], [redact(" ".join(s.split())) for s in t.samples[:2]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _examples(cell, titles: list[str]) -> None:
    """One example title a paragraph, each after a bullet: a long title wraps inside its own
    paragraph and never runs on into the next."""
    for i, title in enumerate(titles):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        para.text = f"• {title}"


# included by minpan/desk/urls.py (one line there keeps that shared file's edits small)
urlpatterns = [
    path("hot/", hot_page, name="hot"),
    path("hot/<str:month>.docx", hot_docx, name="hot_docx"),
]
