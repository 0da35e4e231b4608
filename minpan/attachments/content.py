"""What an uploaded file really is, judged by its bytes and never by its name or the browser's
content type. Pure: no models, no database.

PDF by its header and end marker; JPEG, PNG, GIF and WebP by their signatures and opened with
Pillow; DOCX and XLSX as a zip holding [Content_Types].xml and word/ or
xl/; DOC and XLS as an OLE2 compound file holding a Word or an Excel stream; TXT as UTF-8 or
GB18030 text without NUL bytes.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from PIL import Image

from minpan.cases.errors import CaseError


@dataclass(frozen=True)
class Kind:
    content_type: str
    extensions: tuple[str, ...]  # the first is the one a stored file gets
    label: str

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = Kind("application/pdf", ("pdf",), "PDF 文档")
JPEG = Kind("image/jpeg", ("jpg", "jpeg"), "JPEG 图片")
PNG = Kind("image/png", ("png",), "PNG 图片")
GIF = Kind("image/gif", ("gif",), "GIF 图片")
WEBP = Kind("image/webp", ("webp",), "WebP 图片")
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",), "Word 文档（DOCX）")
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",), "Excel 表格（XLSX）")
DOC = Kind("application/msword", ("doc",), "Word 文档（DOC）")
XLS = Kind("application/vnd.ms-excel", ("xls",), "Excel 表格（XLS）")
TXT = Kind("text/plain", ("txt",), "文本文件")

IMAGES = (JPEG, PNG, GIF, WEBP)
ALL = (PDF, *IMAGES, DOCX, XLSX, DOC, XLS, TXT)

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in an OLE2 directory are UTF-16LE: a Word file has WordDocument, Excel a Workbook
# (or Book before Excel 97). An installer (.msi) or an Outlook message is OLE2 too, and none of these.
WORD_STREAM = "WordDocument".encode("utf-16-le")
EXCEL_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


class BadFile(CaseError):
    """An upload refused; the message is for the person who uploaded it."""


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def identify(data: bytes) -> Kind | None:
    """The kind the bytes are, or None when they are none we accept."""
    head, tail = data[:16], data[-1024:]
    # A PDF starts with its header and ends with %%EOF; HTML renamed to .pdf does neither.
    if head.startswith(b"%PDF-"):
        return PDF if b"%%EOF" in tail else None
    image = _image(head)
    if image is not None:
        return image if _opens_as_image(data) else None
    if head.startswith(b"PK\x03\x04"):
        return _office_zip(data)
    if head.startswith(OLE2):
        if WORD_STREAM in data:
            return DOC
        return XLS if any(s in data for s in EXCEL_STREAMS) else None
    return TXT if _is_text(data) else None


def check(name: str, data: bytes, *, allowed: tuple[Kind, ...], max_bytes: int) -> Kind:
    """The kind of a file whose name must agree with its content; raises BadFile otherwise."""
    ext = extension_of(name)
    by_ext = {e: k for k in allowed for e in k.extensions}
    if ext not in by_ext:
        names = "、".join(e for k in allowed for e in k.extensions)
        raise BadFile(f"不支持的文件类型“.{ext or '（无扩展名）'}”。可上传：{names}。")
    if not data:
        raise BadFile("文件是空的。")
    if len(data) > max_bytes:
        raise BadFile(f"文件过大（{len(data) / 1048576:.1f} MB），单个附件不超过 {max_bytes // 1048576} MB。")
    kind = identify(data)
    if kind is None or kind not in allowed:
        raise BadFile(f"文件内容与扩展名“.{ext}”不符：按内容判断，它不是{by_ext[ext].label}，也不是其他可上传的文件。")
    if ext not in kind.extensions:
        raise BadFile(f"文件内容与扩展名“.{ext}”不符：按内容判断，它是{kind.label}，请改用扩展名“.{kind.extension}”。")
    return kind


def read_all(upload) -> bytes:
    """The whole upload (the callers cap its size first), left at its start for storing."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def image_signature(data: bytes) -> Kind | None:
    """The image kind the bytes' signature claims, whether or not Pillow will open them."""
    return _image(data[:16])


def _image(head: bytes) -> Kind | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def _opens_as_image(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file; all mean "not an image"
        return False
    return True


def _office_zip(data: bytes) -> Kind | None:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return DOCX
    if any(n.startswith("xl/") for n in names):
        return XLSX
    return None


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False
