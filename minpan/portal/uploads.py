"""Attachments from the public: images and PDF, checked by their content, never by their name
(minpan.attachments judges the bytes; a picture named .exe is kept as the picture it is).

An image is kept only as its picture: EXIF (GPS, time, camera), XMP and comments are stripped
at upload (minpan.attachments.metadata), before anyone sees it. The original is not kept, not
even for the center: the picture is the evidence; where it was taken is the writer's to say in
the message, and a copy with their home's position would be personal data held for no purpose
(PIPL 第六条)."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from minpan.attachments import bombs, content, metadata
from minpan.attachments.content import BadFile as BadAttachment
from minpan.attachments.storage import clean_name, discard, disk_name

from .models import Attachment

MAX_FILES = 3
MAX_BYTES = 5 * 1024 * 1024
KINDS = (*content.IMAGES, content.PDF)
ACCEPT = ",".join(k.content_type for k in KINDS)
RULE_TEXT = f"可上传 {MAX_FILES} 个以内的图片（JPG、PNG、GIF、WebP）或 PDF，每个不超过 {MAX_BYTES // 1024 // 1024} MB。"

__all__ = ["ACCEPT", "MAX_BYTES", "MAX_FILES", "RULE_TEXT", "BadAttachment", "check", "discard", "store"]


def check(files: Iterable[UploadedFile | None]) -> list[tuple[UploadedFile, content.Kind, bytes]]:
    """Each uploaded file with its real kind and the bytes to keep (an image without its metadata);
    raises BadAttachment with a message for the writer."""
    chosen = [f for f in files if f is not None and f.size]
    if len(chosen) > MAX_FILES:
        raise BadAttachment(f"附件最多 {MAX_FILES} 个，您选择了 {len(chosen)} 个。")
    checked = []
    for f in chosen:
        name = clean_name(f.name)
        size = f.size or 0
        if size > MAX_BYTES:
            raise BadAttachment(f"附件“{name}”有 {size / 1024 / 1024:.1f} MB，超过 {MAX_BYTES // 1024 // 1024} MB 的上限。")
        data = content.read_all(f)
        bombs.guard(data)
        kind = content.identify(data)
        if kind not in KINDS:
            raise BadAttachment(f"附件“{name}”不是可接受的图片或 PDF 文件（按文件内容判断，与扩展名无关）。")
        checked.append((f, kind, metadata.strip(data, kind)))
    return checked


def store(case, checked: list[tuple[UploadedFile, content.Kind, bytes]], written: list[Path] | None = None) -> list[Attachment]:
    """Write the files under MINPAN_FILES_DIR (outside the web root) and record them. Only with
    the case's Submission: the staff case page looks for a writer's files only where there is one
    (cases.page_rows.has_portal_form). Each file's
    path is added to `written` before it is written, so a caller whose transaction rolls back can
    remove them (discard): the rows go with the rollback, the files would not."""
    now = timezone.localtime()
    folder = Path("portal") / f"{now:%Y}" / f"{now:%m}"
    (Path(settings.MINPAN_FILES_DIR) / folder).mkdir(parents=True, exist_ok=True)
    saved = []
    for f, kind, data in checked:
        rel = folder / disk_name(kind)
        if written is not None:
            written.append(Path(settings.MINPAN_FILES_DIR) / rel)
        (Path(settings.MINPAN_FILES_DIR) / rel).write_bytes(data)
        saved.append(Attachment.objects.create(
            case=case, name=clean_name(f.name), content_type=kind.content_type, size=len(data),
            sha256=hashlib.sha256(data).hexdigest(), stored_as=str(rel), uploaded_at=now,
        ))
    return saved
