"""Documents of a case: A4 HTML to print, or DOCX to download."""
from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from minpan.cases.access import case_for, ended_for

from .. import documents

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _case(user, pk: int):
    # a unit that no longer holds the case has no documents of it: they speak of who holds it now
    case = case_for(user, pk)
    if ended_for(user, case) is not None:
        raise Http404("本单位已不再承办此件")
    return case


@login_required
def document_page(request, pk: int, kind: str):
    case = _case(request.user, pk)
    return render(request, "desk/document.html", {"doc": documents.build(kind, case, request.user), "case": case})


@login_required
def document_docx(request, pk: int, kind: str):
    case = _case(request.user, pk)
    doc = documents.build(kind, case, request.user)
    resp = HttpResponse(documents.as_docx(doc), content_type=DOCX)
    name = quote(f"{doc.title}-{case.reference}.docx")
    resp["Content-Disposition"] = f"attachment; filename=\"{kind}.docx\"; filename*=UTF-8''{name}"
    return resp
