"""Files small on the wire that grow huge when opened: a zip (and so a DOCX or an XLSX, which are
zips) that unpacks to gigabytes, an image whose header claims a billion pixels. Either would
exhaust the memory of the server or of the staff member's computer that opens it. Refused at
upload, with a message the uploader can act on. Pure: no models, no database.

A zip's directory states each entry's size, but the directory is written by whoever made the
file and may lie; so the entries are inflated, counting, and the count stops at the limit
(at most MAX_UNPACKED bytes are ever inflated, in small chunks).
"""
from __future__ import annotations

import io
import zipfile

from PIL import Image

from .content import BadFile, image_signature

MAX_ENTRIES = 2000                    # a large DOCX has a few hundred parts
MAX_UNPACKED = 100 * 1024 * 1024      # all entries together, inflated
MAX_RATIO = 100                       # inflated size to the file's size; text-heavy DOCX is ~10
MAX_PIXELS = 50_000_000               # 50 megapixels: above any phone camera's photo, per frame
MAX_ALL_FRAMES = 200_000_000          # all frames of an animation together
CHUNK = 64 * 1024

# Pillow's own guard: it refuses (DecompressionBombError) images over twice this, before decoding
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def guard(data: bytes) -> None:
    """Raise BadFile when opening the file would unpack far more than it weighs. Judged by the
    bytes' signature, before the content check, so a huge image is told it is too large rather
    than "not an image"."""
    if image_signature(data) is not None:
        _image(data)
    elif data.startswith(b"PK\x03\x04"):
        _zip(data)


def _image(data: bytes) -> None:
    too_big = "图片尺寸过大（{w}×{h} 像素），超过 {limit} 万像素的上限，请缩小后再上传。"
    try:
        with Image.open(io.BytesIO(data)) as im:
            w, h = im.size
            if w * h > MAX_PIXELS:
                raise BadFile(too_big.format(w=w, h=h, limit=MAX_PIXELS // 10000))
            frames = getattr(im, "n_frames", 1)
    except Image.DecompressionBombError:
        raise BadFile(f"图片尺寸过大，超过 {MAX_PIXELS // 10000} 万像素的上限，请缩小后再上传。") from None
    except (OSError, ValueError, SyntaxError):
        raise BadFile("图片无法读取，可能已损坏，请换一张再上传。") from None
    if w * h * frames > MAX_ALL_FRAMES:
        raise BadFile(f"动图帧数过多（{frames} 帧），展开后超过上限，请改传单张图片。")


def _zip(data: bytes) -> None:
    bomb = "文件解压后过大（{why}），可能是“压缩炸弹”，不予接收。如确有必要，请拆分后再上传。"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise BadFile("文件无法打开，可能已损坏。") from None
    if len(entries) > MAX_ENTRIES:
        raise BadFile(bomb.format(why=f"包含 {len(entries)} 个部件，上限 {MAX_ENTRIES}"))
    declared = sum(e.file_size for e in entries)
    limit = min(MAX_UNPACKED, MAX_RATIO * len(data))
    if declared > limit:
        raise BadFile(bomb.format(why=f"声明解压后 {declared / 1048576:.0f} MB"))
    inflated = 0
    try:
        for entry in entries:
            with archive.open(entry) as part:
                while chunk := part.read(CHUNK):
                    inflated += len(chunk)
                    if inflated > limit:
                        raise BadFile(bomb.format(why=f"解压后超过 {limit / 1048576:.0f} MB"))
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError):
        # a wrong CRC, an encrypted part, a method we cannot read: an office file has none of these
        raise BadFile("文件无法打开，可能已损坏或已加密。") from None
