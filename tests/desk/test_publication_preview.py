"""公开预览: the reviewer sees the text as it will be published, masks more, unmasks a false positive."""
import json

import pytest

from minpan.cases.models import Case, Event, PublicCopy
from minpan.cases.publication import public_text
from minpan.cases.transitions import apply
from tests.flow import CITIZEN, dispatched, fresh

pytestmark = pytest.mark.django_db

SHOP_PHONE = "13912345678"
BODY = (f"我叫{CITIZEN['name']}，电话{CITIZEN['phone']}，住幸福家园小区。3 号楼前路灯坏了一个月，"
        f"物业服务中心电话 {SHOP_PHONE} 打了也没人管。")


def submitted(city, body=BODY, **kw):
    case = dispatched(city, "tongliao", body=body, **kw)
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body="您好：已安排维修，三日内修复。", handler_name="李工", handler_phone="0475-8123456")
    apply(case, "sign_off", actor=city.principal, sealed=True)
    return apply(case, "submit", actor=city.handler)


def choose(client, user, case, **fields):
    client.force_login(user)
    return client.post(f"/desk/case/{case.pk}/publication/", fields, follow=True)


def public_body(case) -> str:
    return public_text(fresh(case)).body.text


def test_reviewer_sees_the_text_as_it_will_be_published_with_every_mask_marked(client, city):
    case = submitted(city)
    client.force_login(city.reviewer)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "公开预览" in page and 'id="publication"' in page
    preview = public_text(fresh(case))
    for piece in preview.masks():
        assert f'<mark title="{piece.label}"' in page
    assert CITIZEN["phone"] not in preview.body.text and "路灯坏了一个月" in preview.body.text
    assert "已安排维修" in preview.reply.text


def test_reviewer_masks_one_more_piece(client, city):
    case = submitted(city)
    assert "幸福家园小区" in public_body(case)
    resp = choose(client, city.reviewer, case, add="幸福家园小区")
    assert "已调整公开隐去" in resp.content.decode()
    assert "幸福家园小区" not in public_body(case) and "路灯坏了一个月" in public_body(case)
    assert fresh(case).publish_masks["mask"] == ["幸福家园小区"]


def test_reviewer_unmasks_a_false_positive_with_a_reason(client, city):
    case = submitted(city)
    assert SHOP_PHONE not in public_body(case)
    resp = choose(client, city.reviewer, case, keep=SHOP_PHONE, reason="误判，物业公司公开的服务电话，非个人信息")
    assert resp.status_code == 200
    assert SHOP_PHONE in public_body(case) and CITIZEN["phone"] not in public_body(case)
    event = Event.objects.filter(case=case, action="mask").get()
    assert event.data["choice"] == "keep" and event.data["reason"].startswith("误判")


def test_a_keep_needs_a_reason(client, city):
    case = submitted(city)
    page = choose(client, city.reviewer, case, keep=SHOP_PHONE).content.decode()
    assert "请填写取消隐去的理由" in page
    assert SHOP_PHONE not in public_body(case) and not Event.objects.filter(case=case, action="mask").exists()


def test_the_writers_own_phone_stays_masked_without_their_separate_consent(client, city):
    case = submitted(city)
    page = choose(client, city.reviewer, case, keep=CITIZEN["phone"], reason="误判").content.decode()
    assert "留言人未单独同意公开个人信息，不能取消隐去" in page
    assert CITIZEN["phone"] not in public_body(case)
    assert not Event.objects.filter(case=case, action="mask").exists()
    assert "留言人登记信息，未经其单独同意不能公开" in client.get(f"/desk/case/{case.pk}/").content.decode()


def test_with_the_writers_consent_their_phone_may_be_shown(client, city):
    case = submitted(city)
    Case.objects.filter(pk=case.pk).update(publish_personal=True)
    choose(client, city.reviewer, case, keep=CITIZEN["phone"], reason="留言人单独同意公开联系电话")
    assert CITIZEN["phone"] in public_body(case)


def test_the_event_records_the_choice_never_the_literal(client, city):
    case = submitted(city)
    choose(client, city.reviewer, case, add="幸福家园小区")
    choose(client, city.reviewer, case, keep=SHOP_PHONE, reason="误判，非个人信息")
    choose(client, city.reviewer, case, unmask="幸福家园小区")
    events = list(Event.objects.filter(case=case, action="mask").order_by("seq"))
    assert [e.data["choice"] for e in events] == ["add", "keep", "unmask"]
    assert events[0].data["length"] == 6 and events[0].data["shown"] == "幸*****"
    for e in events:
        assert "幸福家园小区" not in json.dumps(e.data, ensure_ascii=False) + e.note
        assert SHOP_PHONE not in json.dumps(e.data, ensure_ascii=False) + e.note
    assert "幸福家园小区" in public_body(case)  # the mask was taken back


def test_text_that_is_not_in_the_message_or_reply_is_refused(client, city):
    case = submitted(city)
    page = choose(client, city.reviewer, case, add="不存在的文字").content.decode()
    assert "没有这段文字" in page and fresh(case).publish_masks in ({}, {"mask": [], "keep": []})


def test_what_was_previewed_is_what_is_published(client, city):
    case = submitted(city)
    choose(client, city.reviewer, case, add="幸福家园小区")
    apply(case, "approve", actor=city.reviewer)
    choose(client, city.operator, case, keep=SHOP_PHONE, reason="误判，非个人信息")
    shown = public_text(fresh(case))
    apply(case, "publish", actor=city.operator, mode="public")
    copy = PublicCopy.objects.get(case=case)
    assert (copy.subject, copy.body, copy.reply) == (shown.subject.text, shown.body.text, shown.reply.text)
    assert "幸福家园小区" not in copy.body and SHOP_PHONE in copy.body


def test_no_choice_once_published(client, city):
    case = submitted(city)
    apply(case, "approve", actor=city.reviewer)
    apply(case, "publish", actor=city.operator, mode="public")
    page = choose(client, city.reviewer, case, add="幸福家园小区").content.decode()
    assert "不能" in page or "无法" in page
    assert not Event.objects.filter(case=case, action="mask").exists()


def test_units_never_reach_the_preview(client, city):
    case = submitted(city)
    for user in (city.handler, city.edu_handler):
        client.force_login(user)
        assert client.post(f"/desk/case/{case.pk}/publication/", {"add": "幸福家园小区"}).status_code == 404
    client.force_login(city.handler)
    assert "公开预览" not in client.get(f"/desk/case/{case.pk}/").content.decode()
    assert not Event.objects.filter(case=case, action="mask").exists()


def test_no_preview_when_the_writer_did_not_agree_to_publication(client, city):
    case = submitted(city, may_publish=False)
    client.force_login(city.reviewer)
    assert "公开预览" not in client.get(f"/desk/case/{case.pk}/").content.decode()
