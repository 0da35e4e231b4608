"""Shared steps of the personal-data tests: a writer with a photo, signed in with code and password."""
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from minpan.cases.models import Case
from tests.images import PNG
from tests.portal.conftest import ID_NUMBER, WRITER, form_data

BODY = f"我叫{WRITER['name']}，住幸福小区3号楼，身份证号{ID_NUMBER}，电话{WRITER['phone']}。楼前路灯坏了一个月，请尽快修复。"


def write_and_sign_in(client, **fields) -> Case:
    photo = SimpleUploadedFile("路灯.png", PNG, "image/png")
    resp = client.post("/write/", {**form_data(client, body=BODY, **fields), "attachments": [photo]})
    page = client.get(resp["Location"]).content.decode()
    password = re.search(r'id="query-password">([A-Z0-9]+)<', page).group(1)
    case = Case.objects.latest("pk")
    assert client.post("/query/", {"code": case.tracking_code, "password": password}).status_code == 302
    return case
