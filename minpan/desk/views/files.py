"""Attachments: uploaded by whoever may see the case, stored outside the web root, served only to them."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from minpan.attachments.content import BadFile
from minpan.attachments.serving import harden
from minpan.cases.access import case_for, ended_for
from minpan.cases.states import State
from minpan.units.models import Membership

from .. import attachments
from ..models import Attachment
from .common import forbidden


def attachment_for(user, case_pk: int, pk: int) -> Attachment:
    case = case_for(user, case_pk)
    files = Attachment.objects.filter(case=case)
    ended = ended_for(user, case)
    if ended is not None:  # a unit that no longer holds the case keeps only what was there before
        files = files.filter(uploaded_at__lte=ended)
    try:
        return files.get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404("没有这个附件") from None


@login_required
@require_POST
def upload(request, pk: int):
    case = case_for(request.user, pk)
    post = Membership.objects.filter(user=request.user).select_related("unit").first()
    if post is None:
        return forbidden(request, "没有岗位的账号不能上传附件。")
    if case.state == State.ARCHIVED:
        return forbidden(request, "已归档的留言不能再添加附件。")
    if ended_for(request.user, case) is not None:
        return forbidden(request, "本单位已不再承办此件，不能添加附件。")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的文件。")
        return redirect("desk:case", pk=case.pk)
    try:
        kind = attachments.check(upload)
    except BadFile as exc:
        messages.error(request, str(exc))
        return redirect("desk:case", pk=case.pk)
    item = attachments.attachment_add(case=case, upload=upload, kind=kind, user=request.user, post=post)
    messages.success(request, f"已上传附件“{item.name}”。")
    return redirect("desk:case", pk=case.pk)


@login_required
def download(request, pk: int, att: int):
    item = attachment_for(request.user, pk, att)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("附件文件已不存在") from None
    resp = FileResponse(handle, content_type=item.content_type, as_attachment=True)
    return harden(resp, name=item.name)
