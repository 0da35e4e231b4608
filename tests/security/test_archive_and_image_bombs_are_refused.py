"""Files that weigh little and unpack to far more: refused at upload with a Chinese message, from
the staff (DOCX/XLSX are zips) and the public (images), before anything is stored."""
import io
import random
import re
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from minpan.attachments import bombs
from minpan.cases.models import Case
from minpan.desk.models import Attachment as StaffFile
from minpan.portal.models import Attachment
from tests.flow import dispatched
from tests.images import picture
from tests.portal.conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    return settings.MINPAN_FILES_DIR


def docx(**parts: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        for name, data in parts.items():
            z.writestr(f"word/{name}", data)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A DOCX of about 200 KB that unpacks to 200 MB of zeros."""
    return docx(media=b"\0" * (200 * 1024 * 1024))


def lying_zip_bomb() -> bytes:
    """The same inflation with the directory claiming each part is tiny."""
    data = bytearray(docx(**{f"p{i}.xml": b"\0" * (2 * 1024 * 1024) for i in range(60)}))
    # rewrite each central-directory entry's uncompressed size to 10 bytes
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        data[pos + 24:pos + 28] = struct.pack("<I", 10)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def many_parts() -> bytes:
    return docx(**{f"p{i}.xml": b"" for i in range(bombs.MAX_ENTRIES + 1)})


def pixel_bomb() -> bytes:
    """A PNG of a few hundred bytes whose header says 30000×30000 pixels (900 megapixels)."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    rows = zlib.compress(b"\0" * 1024, 9)  # a token IDAT; the size in IHDR is what matters
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))


def staff_upload(client, city, name, data):
    case = dispatched(city, "tongliao")
    client.force_login(city.handler)
    return client.post(f"/desk/case/{case.pk}/files/", {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_a_zip_bomb_is_small_on_the_wire():
    assert len(zip_bomb()) < 1024 * 1024


@pytest.mark.parametrize("make, said", [(zip_bomb, "压缩炸弹"), (lying_zip_bomb, "不予接收|无法打开"), (many_parts, "个部件")])
def test_a_docx_that_unpacks_to_too_much_is_refused(client, city, make, said):
    resp = staff_upload(client, city, "说明.docx", make())
    assert re.search(said, resp.content.decode())
    assert StaffFile.objects.count() == 0


def test_an_ordinary_docx_is_taken(client, city):
    words = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    text = "".join(random.Random(13).choices(words, k=100_000))  # about 300 KB of prose-like text
    resp = staff_upload(client, city, "说明.docx", docx(text=text.encode()))
    assert "已上传附件" in resp.content.decode() and StaffFile.objects.count() == 1


def test_an_image_claiming_a_billion_pixels_is_refused_on_the_portal(client):
    bomb = SimpleUploadedFile("现场.png", pixel_bomb(), "image/png")
    resp = client.post("/write/", {**form_data(client), "attachments": [bomb]})
    assert resp.status_code == 400 and "图片尺寸过大" in resp.content.decode()
    assert Case.objects.count() == 0 and Attachment.objects.count() == 0


def test_an_image_just_over_the_limit_is_refused_by_the_desk(client, city, settings):
    bombs_limit = bombs.MAX_PIXELS
    try:
        bombs.MAX_PIXELS = 50 * 50
        resp = staff_upload(client, city, "现场.png", picture("PNG", size=(51, 50)))
    finally:
        bombs.MAX_PIXELS = bombs_limit
    assert "图片尺寸过大（51×50 像素）" in resp.content.decode() and StaffFile.objects.count() == 0


def test_pillow_itself_refuses_to_decode_far_larger_images():
    assert Image.MAX_IMAGE_PIXELS == bombs.MAX_PIXELS
