"""The writer's files (sent with the message on the portal), shown to the staff who may see them.

Which files a person sees is `writer_files`; the case page lists them and this view serves them.
A file is shown in the page (a thumbnail) only when its bytes are an image we accept, whatever the
stored type or name say; everything else downloads. Every response carries a sandbox CSP and
nosniff, so a file that is not what it claims can run nothing in our origin.
"""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from minpan.attachments import content
from minpan.attachments.serving import harden
from minpan.cases.access import Sight, case_for, ended_for, is_center
from minpan.cases.models import Case
from minpan.portal.models import Attachment
from minpan.portal.uploads import KINDS

# shown to a unit in place of the files, where the writer's identity is withheld from it
WITHHELD_NOTICE = "留言人附件已按规定仅向受理中心显示"


def withheld_from(user, case: Case) -> bool:
    """Whether the writer's files are kept from this person.

    Where the message complains about a unit (identity_withheld), the writer's own photos and
    scans may show who they are: their face, their home, their papers. Xizang 第六条 forbids
    passing 控告、检举材料 to those complained about, and the 信访工作条例 says the same of
    petitions; a file cannot be masked as the text is, so the center alone sees them.
    """
    return case.identity_withheld and not is_center(user)


def writer_files(user, case: Case, seen: Sight | None = None) -> QuerySet[Attachment]:
    """The writer's files this person may see on a case they may see (case_for already passed).
    `seen`: access.sight for this user and case, where the caller has it."""
    if withheld_from(user, case):
        return Attachment.objects.none()
    files = Attachment.objects.filter(case=case)
    ended = seen.ended_at if seen is not None else ended_for(user, case)
    if ended is not None:  # a unit that no longer holds the case keeps only what was there before
        files = files.filter(uploaded_at__lte=ended)
    return files.order_by("uploaded_at", "pk")


def _stored(item: Attachment) -> bytes:
    root = Path(settings.MINPAN_FILES_DIR).resolve()
    path = (root / item.stored_as).resolve()
    if not path.is_relative_to(root):  # a row pointing outside the files folder serves nothing
        raise Http404("附件文件已不存在")
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise Http404("附件文件已不存在") from None


@login_required
@require_GET
def writer_file(request: HttpRequest, pk: int, att: int) -> HttpResponse:
    """One of the writer's files: `?inline=1` shows an image in the page, anything else downloads."""
    case = case_for(request.user, pk)
    item = writer_files(request.user, case).filter(pk=att).first()
    if item is None:
        raise Http404("没有这个附件")
    data = _stored(item)
    # the bytes decide, never the stored type or the writer's name; what the portal would not take
    # (text, HTML) is served as bare bytes to be saved
    kind = content.identify(data)
    if kind not in KINDS:
        kind = None
    inline = kind in content.IMAGES and request.GET.get("inline") == "1"
    resp = HttpResponse(data, content_type=kind.content_type if kind is not None else "application/octet-stream")
    return harden(resp, name=item.name, inline=inline)
