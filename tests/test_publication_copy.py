"""The public copy is made once, at publication, from the text the reviewer previewed; pages only read it."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from minpan.cases.hashers import hash_query_password
from minpan.cases.models import Case, PublicCopy
from minpan.cases.publication import public_text
from minpan.cases.transitions import apply
from tests.flow import CITIZEN, at, collect, dispatched, fresh

BODY = f"我叫{CITIZEN['name']}，电话{CITIZEN['phone']}。幸福小区 3 号楼前路灯坏了一个月，晚上出行不便。"


def to_approval(city, *, body=BODY, reply="王小明您好：已安排维修，三日内修复。", now=None, **kw):
    case = dispatched(city, "tongliao", body=body, now=now, **kw)
    apply(case, "claim", actor=city.handler, now=now)
    apply(case, "draft", actor=city.handler, now=now, body=reply, handler_name="李工", handler_phone="0475-8123456")
    apply(case, "sign_off", actor=city.principal, now=now, sealed=True)
    apply(case, "submit", actor=city.handler, now=now)
    return apply(case, "approve", actor=city.reviewer, now=now)


def published(city, mode="public", **kw):
    case = to_approval(city, **kw)
    return apply(case, "publish", actor=city.operator, mode=mode, public_note="" if mode == "public" else "涉及隐私，已直接答复。")


def test_the_copy_is_made_when_the_answer_is_published(city):
    case = to_approval(city)
    assert not PublicCopy.objects.exists()
    case = apply(case, "publish", actor=city.operator, now=at("2026-03-06 10:00"), mode="public")
    copy = PublicCopy.objects.get(case=case)
    assert copy.answered_at == case.answered_at and copy.made_at == at("2026-03-06 10:00")
    assert "路灯坏了一个月" in copy.body and "已安排维修" in copy.reply
    for secret in (CITIZEN["name"], CITIZEN["phone"]):
        assert secret not in copy.subject + copy.body + copy.reply
    assert copy.unit_name == "市住建局" and copy.handler_contact == "李工　0475-8123456"


def test_the_copy_is_exactly_the_preview(city):
    case = to_approval(city)
    shown = public_text(fresh(case))
    apply(case, "publish", actor=city.operator, mode="public")
    copy = PublicCopy.objects.get(case=case)
    assert (copy.subject, copy.body, copy.reply) == (shown.subject.text, shown.body.text, shown.reply.text)


def test_a_private_answer_has_no_copy(city):
    case = published(city, mode="private")
    assert case.answered_at and not PublicCopy.objects.filter(case=case).exists()


def test_a_not_accepted_notice_gets_its_copy_when_given(city):
    case = collect("tongliao", body=BODY)
    apply(case, "not_accept", actor=city.operator, reason="legal_process",
          explanation=f"{CITIZEN['name']}反映的事项已进入诉讼程序。", suggested_channel="人民法院")
    copy = PublicCopy.objects.get(case=case)
    assert copy.answered_at is None and copy.reply == ""
    assert "已进入诉讼程序" in copy.explanation and "建议反映渠道：人民法院" in copy.explanation
    assert CITIZEN["name"] not in copy.explanation + copy.body


def test_no_notice_copy_without_consent_to_publish(city):
    case = collect("tongliao", body=BODY, may_publish=False)
    apply(case, "not_accept", actor=city.operator, reason="legal_process", explanation="已进入诉讼程序。", suggested_channel="人民法院")
    assert not PublicCopy.objects.exists()


def test_a_reopened_and_reanswered_case_gets_a_new_copy(city):
    case = published(city, reply="第一次答复：已安排维修。")
    first = PublicCopy.objects.get(case=case)
    apply(case, "reopen", actor=city.operator, reason="回头看发现未修好")
    assert PublicCopy.objects.get(case=case).reply == first.reply  # unchanged until the next publication
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="第二次答复：已彻底修好。", handler_name="李工", handler_phone="0475-8123456")
    apply(case, "sign_off", actor=city.principal, sealed=True)
    apply(case, "submit", actor=city.handler)
    apply(case, "approve", actor=city.reviewer)
    case = apply(case, "publish", actor=city.operator, mode="public")
    copy = PublicCopy.objects.get(case=case)
    assert copy.reply.startswith("第二次答复") and copy.answered_at == case.answered_at != first.answered_at


def test_a_reanswer_published_privately_takes_the_old_copy_down(city):
    case = published(city)
    apply(case, "reopen", actor=city.operator, reason="回头看发现未修好")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="涉及本人隐私的答复。", handler_name="李工", handler_phone="0475-8123456")
    apply(case, "sign_off", actor=city.principal, sealed=True)
    apply(case, "submit", actor=city.handler)
    apply(case, "approve", actor=city.reviewer)
    apply(case, "publish", actor=city.operator, mode="private", public_note="涉及隐私，已直接答复。")
    assert not PublicCopy.objects.filter(case=case).exists()


def test_public_pages_write_nothing_and_list_no_case_without_a_copy(city, client):
    answered = published(city, subject="路灯不亮")
    refused = collect("tongliao", subject="劳动纠纷", body="公司拖欠工资已起诉。")
    apply(refused, "not_accept", actor=city.operator, reason="legal_process", explanation="已进入诉讼程序。", suggested_channel="人民法院")
    repeat = collect("tongliao", subject="路灯还是不亮", body="同一盏路灯。")
    apply(repeat, "accept", actor=city.operator)
    apply(repeat, "merge", actor=city.operator, target=answered.pk)
    PublicCopy.objects.all().delete()  # as if made by code that never wrote copies
    Case.objects.filter(pk=repeat.pk).update(query_password=hash_query_password("PASSWORD"))
    client.post("/query/", {"code": repeat.tracking_code, "password": "PASSWORD"})

    with CaptureQueriesContext(connection) as queries:
        listing = client.get("/answers/").content.decode()
        found = client.get("/answers/", {"q": "路灯"}).content.decode()
        page = client.get(f"/answers/{answered.pk}/")
        notices = client.get("/not-accepted/").content.decode()
        status = client.get("/status/")
    writes = [q["sql"] for q in queries if "publiccopy" in q["sql"].lower()
              and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == [] and not PublicCopy.objects.exists()
    assert "共 0 条" in listing and "共 0 条" in found and page.status_code == 404
    assert "劳动纠纷" not in notices
    assert status.status_code == 200 and "已安排维修" not in status.content.decode()


def test_the_migration_builds_the_copies_of_cases_published_before(city):
    import importlib

    from django.apps import apps

    answered = published(city)
    refused = collect("tongliao", body=BODY)
    apply(refused, "not_accept", actor=city.operator, reason="legal_process", explanation="已进入诉讼程序。", suggested_channel="人民法院")
    private = published(city, mode="private")
    made = {c.pk: (c.body, c.reply, c.explanation) for c in PublicCopy.objects.all()}
    PublicCopy.objects.all().delete()

    importlib.import_module("minpan.cases.migrations.0010_public_copies").build_copies(apps, None)
    rebuilt = {c.pk: (c.body, c.reply, c.explanation) for c in PublicCopy.objects.all()}
    assert rebuilt == made and set(rebuilt) == {answered.pk, refused.pk} and private.pk not in rebuilt


pytestmark = pytest.mark.django_db
