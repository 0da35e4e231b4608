"""The files the writer sent on the portal show on the staff case pages allowed to see them."""
import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.policies.presets import PRESETS
from minpan.portal.models import Attachment
from tests.flow import dispatched
from tests.portal.conftest import PDF, PNG, form_data

SANDBOX = "sandbox; default-src 'none'"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    return settings.MINPAN_FILES_DIR


@pytest.fixture
def written(client, city) -> Case:
    """A message sent on the portal with a photo and a PDF, dispatched to 市住建局."""
    files = [SimpleUploadedFile("路灯.png", PNG, "image/png"), SimpleUploadedFile("说明.pdf", PDF, "application/pdf")]
    assert client.post("/write/", {**form_data(client), "attachments": files}).status_code == 302
    case = Case.objects.get()
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type=PRESETS[case.policy_name].message_types[0], domain="urban")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    client.logout()
    return case


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGBA").tobytes()


def _same(served: bytes, sent: bytes) -> bool:
    """A PDF comes back as sent; a picture as the same pixels (re-encoded without its metadata)."""
    return served == sent if sent.startswith(b"%PDF") else _pixels(served) == _pixels(sent)


def _file(name: str) -> Attachment:
    return Attachment.objects.get(name=name)


def _page(client, user, case) -> str:
    client.force_login(user)
    resp = client.get(f"/desk/case/{case.pk}/")
    assert resp.status_code == 200
    return resp.content.decode()


def _get(client, case, item, *, inline=False):
    return client.get(f"/desk/case/{case.pk}/writer-files/{item.pk}/" + ("?inline=1" if inline else ""))


@pytest.mark.parametrize("who", ["operator", "handler"])
def test_the_writers_png_and_pdf_download_from_the_case_page(client, city, written, who):
    text = _page(client, getattr(city, who), written)
    for name, data in [("路灯.png", PNG), ("说明.pdf", PDF)]:
        item = _file(name)
        url = f"/desk/case/{written.pk}/writer-files/{item.pk}/"
        assert f'href="{url}"' in text and name in text
        resp = client.get(url)
        assert resp.status_code == 200 and _same(resp.content, data)
        assert resp["Content-Disposition"].startswith("attachment;")
        assert resp["X-Content-Type-Options"] == "nosniff"
        assert resp["Content-Security-Policy"] == SANDBOX


def test_the_writers_photo_shows_as_a_thumbnail_inline_and_sandboxed(client, city, written):
    item = _file("路灯.png")
    text = _page(client, city.handler, written)
    assert re.search(rf'<img src="/desk/case/{written.pk}/writer-files/{item.pk}/\?inline=1"', text)
    resp = _get(client, written, item, inline=True)
    assert resp.status_code == 200 and _same(resp.content, PNG)
    assert resp["Content-Type"] == "image/png"
    assert resp["Content-Disposition"].startswith("inline;")
    assert resp["Content-Security-Policy"] == SANDBOX and resp["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_is_never_shown_inline(client, city, written):
    client.force_login(city.operator)
    resp = _get(client, written, _file("说明.pdf"), inline=True)
    assert resp["Content-Disposition"].startswith("attachment;")


def test_an_html_file_disguised_as_a_photo_is_never_served_inline(client, city, written, files_dir):
    # the portal refuses such a file; a row written some other way (an import, an old version) must
    # still be judged by its bytes when it is served, not by the type or name it was stored under
    item = _file("路灯.png")
    (files_dir / item.stored_as).write_bytes(HTML)
    client.force_login(city.operator)
    resp = _get(client, written, item, inline=True)
    assert resp.status_code == 200
    assert resp["Content-Disposition"].startswith("attachment;")
    assert resp["Content-Type"] == "application/octet-stream"
    assert resp["Content-Security-Policy"] == SANDBOX and resp["X-Content-Type-Options"] == "nosniff"


def test_an_unrelated_unit_gets_404(client, city, written):
    client.force_login(city.edu_handler)
    assert client.get(f"/desk/case/{written.pk}/").status_code == 404
    for item in Attachment.objects.all():
        assert _get(client, written, item).status_code == 404
        assert _get(client, written, item, inline=True).status_code == 404


def test_a_file_of_another_case_is_404_through_a_case_one_may_see(client, city, written):
    other = dispatched(city, written.policy_name, subject="另一件")
    client.force_login(city.handler)
    assert _get(client, other, _file("路灯.png")).status_code == 404


def test_a_unit_complained_about_is_told_the_files_are_with_the_center(client, city, written):
    Case.objects.filter(pk=written.pk).update(identity_withheld=True)
    text = _page(client, city.handler, written)
    assert "留言人附件已按规定仅向受理中心显示" in text and "路灯.png" not in text
    for item in Attachment.objects.all():
        assert _get(client, written, item).status_code == 404
    text = _page(client, city.operator, written)
    assert "路灯.png" in text and "说明.pdf" in text


def test_a_unit_that_returned_the_case_sees_only_the_files_sent_before(client, city, written):
    apply(written, "return", actor=city.deputy, reason="属教育局职责。")
    later = Attachment.objects.create(case=written, name="补充.pdf", content_type="application/pdf", size=len(PDF),
                                      sha256="0" * 64, stored_as=_file("说明.pdf").stored_as,
                                      uploaded_at=timezone.now() + dt.timedelta(minutes=1))
    text = _page(client, city.handler, written)
    assert "路灯.png" in text and "补充.pdf" not in text
    assert _get(client, written, later).status_code == 404
    assert _get(client, written, _file("路灯.png")).status_code == 200
