"""Staff attachments: what may be uploaded (checked by minpan.attachments: the content decides,
and the name must agree with it; no archive or image that unpacks to far more than it weighs),
and adding one to a case. An image is stored without its EXIF/GPS/XMP (units see these files;
a site photo's GPS and camera serial say where a staff member lives or walks)."""
from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from minpan.attachments import bombs, content, metadata
from minpan.attachments.storage import clean_name, disk_name
from minpan.cases import events
from minpan.cases.models import Case
from minpan.cases.states import Action

from .models import Attachment

MAX_BYTES = 10 * 1024 * 1024
ALLOWED = (content.PDF, content.JPEG, content.PNG, content.DOCX, content.XLSX, content.DOC, content.XLS, content.TXT)


def check(upload) -> content.Kind:
    """The upload's kind; raises content.BadFile with a message for the uploader."""
    if upload.size > MAX_BYTES:  # before reading it into memory
        raise content.BadFile(f"文件过大（{upload.size / 1048576:.1f} MB），单个附件不超过 {MAX_BYTES // 1048576} MB。")
    data = content.read_all(upload)
    bombs.guard(data)
    return content.check(upload.name, data, allowed=ALLOWED, max_bytes=MAX_BYTES)


def attachment_add(*, case, upload, kind: content.Kind, user, post) -> Attachment:
    """Store an uploaded file on the case and put it on the timeline, in one transaction with the
    case locked (the event's place in the hash chain). `post` is the uploader's membership."""
    name = clean_name(upload.name)
    if kind in content.IMAGES:
        upload = ContentFile(metadata.strip(content.read_all(upload), kind))
    upload.name = disk_name(kind)  # the stored file's suffix is the one its content showed
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        item = Attachment.objects.create(
            case=case, file=upload, name=name, content_type=kind.content_type, size=upload.size,
            uploaded_by=user, unit=post.unit,
        )
        events.append(
            case=case, actor=user, role=post.role, unit=post.unit, at=timezone.now(), action=Action.ATTACH,
            before=case.state, after=case.state, data={"file": item.name, "size": item.size},
        )
    return item
