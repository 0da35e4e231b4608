"""Attachment limits: what may be uploaded, checked by size, extension and the file's first bytes."""
from __future__ import annotations

MAX_BYTES = 10 * 1024 * 1024
# extension -> (content type, magic prefixes; empty: plain text)
ALLOWED = {
    "pdf": ("application/pdf", (b"%PDF",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    "xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0",)),
    "txt": ("text/plain", ()),
}


def check(name: str, size: int, head: bytes) -> tuple[str, str]:
    """(content type, error). The error is empty when the file may be stored."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        return "", f"不支持的文件类型“.{ext or '（无扩展名）'}”。可上传：{'、'.join(sorted(ALLOWED))}。"
    if size <= 0:
        return "", "文件是空的。"
    if size > MAX_BYTES:
        return "", f"文件过大（{size / 1048576:.1f} MB），单个附件不超过 {MAX_BYTES // 1048576} MB。"
    kind, magic = ALLOWED[ext]
    if magic and not any(head.startswith(m) for m in magic):
        return "", f"文件内容与扩展名“.{ext}”不符。"
    if not magic:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            if b"\x00" in head:
                return "", "文本文件中含有二进制内容。"
    return kind, ""


def attachment_add(*, case, upload, kind: str, user, post):
    """Store an uploaded file on the case and put it on the timeline, in one transaction with the
    case locked (the event's place in the hash chain). `post` is the uploader's membership."""
    from django.db import transaction
    from django.utils import timezone

    from minpan.cases import events
    from minpan.cases.models import Case
    from minpan.cases.states import Action

    from .models import Attachment

    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        item = Attachment.objects.create(
            case=case, file=upload, name=upload.name[-200:], content_type=kind, size=upload.size,
            uploaded_by=user, unit=post.unit,
        )
        events.append(
            case=case, actor=user, role=post.role, unit=post.unit, at=timezone.now(), action=Action.ATTACH,
            before=case.state, after=case.state, data={"file": item.name, "size": item.size},
        )
    return item
