"""What a file is, from its bytes alone: no database."""
import io
import zipfile

import pytest

from minpan.attachments import content
from minpan.attachments.content import BadFile, check, identify
from tests import images


def office_zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return out.getvalue()


PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
DOCX = office_zip("[Content_Types].xml", "word/document.xml")
EXE = b"MZ\x90\x00\x03" + b"\x00" * 100
WORD97 = content.OLE2 + b"\x00" * 100 + "WordDocument".encode("utf-16-le")
MSI = content.OLE2 + b"\x00" * 100 + "SummaryInformation".encode("utf-16-le")


@pytest.mark.parametrize("data, kind", [
    (PDF, content.PDF), (DOCX, content.DOCX), (office_zip("[Content_Types].xml", "xl/workbook.xml"), content.XLSX),
    (WORD97, content.DOC), ("供暖不热，请处理。".encode("gb18030"), content.TXT), ("供暖不热".encode(), content.TXT),
    (images.GIF, content.GIF), (images.WEBP, content.WEBP), (images.PNG, content.PNG), (images.JPEG, content.JPEG),
])
def test_a_file_is_known_by_its_bytes(data, kind):
    assert identify(data) == kind


@pytest.mark.parametrize("data", [
    EXE, MSI, b"%PDF-1.4\n<script>alert(1)</script>", office_zip("app.js"), office_zip("[Content_Types].xml", "ppt/slide1.xml"),
    b"PK\x03\x04 not really a zip", b"text\x00with a NUL", b"\xff\xfe\xfd not text",
])
def test_what_we_do_not_take_is_nothing(data):
    assert identify(data) is None


def test_a_name_that_disagrees_with_the_content_is_refused_in_chinese():
    with pytest.raises(BadFile, match="它是Word 文档（DOCX），请改用扩展名“.docx”"):
        check("方案.xlsx", DOCX, allowed=content.ALL, max_bytes=1 << 20)
    with pytest.raises(BadFile, match="它不是PDF 文档"):
        check("说明.pdf", EXE, allowed=content.ALL, max_bytes=1 << 20)
    with pytest.raises(BadFile, match="不支持的文件类型“.exe”"):
        check("说明.exe", EXE, allowed=content.ALL, max_bytes=1 << 20)


def test_a_kind_not_allowed_here_is_refused_even_when_named_right():
    with pytest.raises(BadFile, match="不支持的文件类型“.docx”"):
        check("方案.docx", DOCX, allowed=(content.PDF,), max_bytes=1 << 20)
    assert check("方案.DOCX", DOCX, allowed=content.ALL, max_bytes=1 << 20) == content.DOCX
