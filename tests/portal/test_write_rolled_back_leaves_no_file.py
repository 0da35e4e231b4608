"""A message whose write fails after its attachments were written leaves no file behind."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection

from minpan.cases.models import Case
from minpan.portal.models import Attachment

from .conftest import PNG, form_data

pytestmark = pytest.mark.django_db


def _disk_full_on_attachment_rows(execute, sql, params, many, context):
    if "INSERT" in sql and "portal_attachment" in sql:
        raise DatabaseError("could not extend file: No space left on device")
    return execute(sql, params, many, context)


def test_a_failed_write_removes_the_files_it_wrote(client, files_dir):
    client.raise_request_exception = True
    data = {**form_data(client), "attachments": [SimpleUploadedFile("门口.png", PNG, content_type="image/png")]}
    with connection.execute_wrapper(_disk_full_on_attachment_rows), pytest.raises(DatabaseError):
        client.post("/write/", data)
    assert not Case.objects.exists() and not Attachment.objects.exists()
    assert not [p for p in files_dir.rglob("*") if p.is_file()]
