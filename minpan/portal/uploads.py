"""Attachments from the public: images and PDF, checked by their content, never by their name."""
from __future__ import annotations

import hashlib
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from minpan.cases.errors import CaseError

from .models import Attachment

log = logging.getLogger(__name__)

MAX_FILES = 3
MAX_BYTES = 5 * 1024 * 1024
KINDS = {  # content type -> (extension, label)
    "image/jpeg": ("jpg", "JPEG 图片"),
    "image/png": ("png", "PNG 图片"),
    "image/gif": ("gif", "GIF 图片"),
    "image/webp": ("webp", "WebP 图片"),
    "application/pdf": ("pdf", "PDF 文档"),
}
ACCEPT = ",".join(["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"])
RULE_TEXT = f"可上传 {MAX_FILES} 个以内的图片（JPG、PNG、GIF、WebP）或 PDF，每个不超过 {MAX_BYTES // 1024 // 1024} MB。"


class BadAttachment(CaseError):
    pass


def sniff(head: bytes, tail: bytes) -> str | None:
    """The content type the bytes really are, or None. `tail` is the file's last KiB."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    # A PDF starts with its header and ends with %%EOF; HTML renamed to .pdf does neither.
    if head.startswith(b"%PDF-") and b"%%EOF" in tail:
        return "application/pdf"
    return None


def check(files) -> list[tuple[object, str]]:
    """Each uploaded file with its real content type; raises BadAttachment with a message for the writer."""
    files = [f for f in files if f is not None and getattr(f, "size", 0)]
    if len(files) > MAX_FILES:
        raise BadAttachment(f"附件最多 {MAX_FILES} 个，您选择了 {len(files)} 个。")
    checked = []
    for f in files:
        name = _clean_name(f.name)
        if f.size > MAX_BYTES:
            raise BadAttachment(f"附件“{name}”有 {f.size / 1024 / 1024:.1f} MB，超过 {MAX_BYTES // 1024 // 1024} MB 的上限。")
        f.seek(0)
        head = f.read(16)
        f.seek(max(f.size - 1024, 0))
        tail = f.read(1024)
        f.seek(0)
        kind = sniff(head, tail)
        if kind is None:
            raise BadAttachment(f"附件“{name}”不是可接受的图片或 PDF 文件（按文件内容判断，与扩展名无关）。")
        checked.append((f, kind))
    return checked


def store(case, checked: list[tuple[object, str]], written: list[Path] | None = None) -> list[Attachment]:
    """Write the files under MINPAN_FILES_DIR (outside the web root) and record them. Each file's
    path is added to `written` before it is written, so a caller whose transaction rolls back can
    remove them (discard): the rows go with the rollback, the files would not."""
    now = timezone.localtime()
    base = Path(settings.MINPAN_FILES_DIR) / "portal" / f"{now:%Y}" / f"{now:%m}"
    base.mkdir(parents=True, exist_ok=True)
    saved = []
    for f, kind in checked:
        rel = Path("portal") / f"{now:%Y}" / f"{now:%m}" / f"{uuid.uuid4().hex}.{KINDS[kind][0]}"
        digest = hashlib.sha256()
        if written is not None:
            written.append(Path(settings.MINPAN_FILES_DIR) / rel)
        with open(Path(settings.MINPAN_FILES_DIR) / rel, "wb") as out:
            for chunk in f.chunks():
                digest.update(chunk)
                out.write(chunk)
        saved.append(Attachment.objects.create(
            case=case, name=_clean_name(f.name), content_type=kind, size=f.size,
            sha256=digest.hexdigest(), stored_as=str(rel), uploaded_at=now,
        ))
    return saved


def discard(paths: list[Path]) -> None:
    """Remove files whose rows were rolled back."""
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            log.exception("未能删除回滚后留下的附件文件")


def _clean_name(name: str) -> str:
    name = Path(str(name or "附件")).name
    return "".join(c for c in name if c.isprintable())[:200] or "附件"
