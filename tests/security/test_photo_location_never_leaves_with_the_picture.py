"""A phone photo's EXIF (GPS position, camera, time), XMP and comment are gone from the stored
file, from the portal and from the desk, before any unit downloads it; the picture stays upright."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.desk.models import Attachment as StaffFile
from minpan.policies.presets import PRESETS
from minpan.portal.models import Attachment
from tests.flow import dispatched
from tests.portal.conftest import form_data

HOME = b"Xingfu 3-201"        # the comment a photo app wrote
LATITUDE = (43.0, 37.0, 12.5)  # where the writer lives


def phone_photo(fmt="JPEG") -> bytes:
    """40×20 as stored, taken with the phone turned (orientation 6: show it rotated, 20×40)."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Apple", "iPhone 15", 6
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: LATITUDE, 3: "E", 4: (122.0, 15.0, 3.0)})
    out = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>43,37.2N</exif:GPSLatitude></x:xmpmeta>'
    extra = {"comment": HOME} if fmt == "JPEG" else {}
    Image.new("RGB", (40, 20), (20, 180, 20)).save(out, fmt, exif=exif, xmp=xmp, **extra)
    return out.getvalue()


def assert_bare(data: bytes, fmt: str) -> None:
    for marker in (b"Exif", b"GPSLatitude", b"xmpmeta", b"iPhone", HOME):
        assert marker not in data
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == fmt
        assert dict(im.getexif()) == {} and not im.getexif().get_ifd(0x8825)
        assert im.size == (20, 40)  # turned upright before the orientation tag went


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    return settings.MINPAN_FILES_DIR


def test_the_photo_made_has_what_a_phone_writes():
    data = phone_photo()
    with Image.open(io.BytesIO(data)) as im:
        assert im.getexif().get_ifd(0x8825)[2] == LATITUDE and HOME in data


@pytest.mark.parametrize("fmt, name", [("JPEG", "路灯.jpg"), ("PNG", "路灯.png"), ("WEBP", "路灯.webp")])
def test_a_writers_photo_is_stored_without_its_location(client, city, files_dir, fmt, name):
    photo = SimpleUploadedFile(name, phone_photo(fmt), "image/" + fmt.lower())
    assert client.post("/write/", {**form_data(client), "attachments": [photo]}).status_code == 302
    item = Attachment.objects.get()
    stored = (files_dir / item.stored_as).read_bytes()
    assert_bare(stored, fmt)
    assert item.size == len(stored)


def test_the_unit_downloads_the_photo_without_its_location(client, city, files_dir):
    photo = SimpleUploadedFile("路灯.jpg", phone_photo(), "image/jpeg")
    assert client.post("/write/", {**form_data(client), "attachments": [photo]}).status_code == 302
    case = Case.objects.get()
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type=PRESETS[case.policy_name].message_types[0], domain="urban")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    client.force_login(city.handler)
    resp = client.get(f"/desk/case/{case.pk}/writer-files/{Attachment.objects.get().pk}/")
    assert resp.status_code == 200
    assert_bare(resp.content, "JPEG")


def test_a_staff_photo_is_stored_without_its_location(client, city):
    case = dispatched(city, "tongliao")
    client.force_login(city.handler)
    photo = SimpleUploadedFile("现场.jpg", phone_photo(), "image/jpeg")
    assert client.post(f"/desk/case/{case.pk}/files/", {"file": photo}).status_code == 302
    item = StaffFile.objects.get()
    with item.file.open("rb") as f:
        stored = f.read()
    assert_bare(stored, "JPEG")
    assert item.size == len(stored)
