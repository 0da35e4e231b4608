"""A form takes the fields its role may set and nothing more: a unit handler who adds `unit`,
`state` or `lead` to the post, a writer who adds staff fields to the write form, a person who
names another user in their settings — the extra fields are ignored; the case moves only as the
action says."""
from __future__ import annotations

import re

from minpan.cases.models import Assignment, Case
from minpan.notify.models import Preference

STAFF_FIELDS = {
    "state": "published", "lead_unit": "", "lead": "", "unit": "", "reg_no": "2026-99999", "due_at": "2099-01-01 00:00",
    "supervised": "on", "urgency": "critical", "extension_pending": "on", "identity_withheld": "on",
    "channel": "renmin", "policy_name": "xizang", "callback_due": "on", "tracking_code": "AAAA",
}


def _extra(world, prefix: str = "") -> dict:
    units = {"lead_unit": world.education.pk, "lead": world.education.pk, "unit": world.education.pk}
    return {f"{prefix}{k}": units.get(k, v) for k, v in STAFF_FIELDS.items()}


def _case(pk: int) -> Case:
    return Case.objects.get(pk=pk)


def test_a_handler_drafting_with_unit_state_and_lead_fields_only_drafts(world, clients):
    case = world.housing_dispatched
    before = _case(case.pk)
    client = clients("handler")
    assert client.post(f"/desk/case/{case.pk}/do/claim/", {**_extra(world, "claim-"), **_extra(world)}).status_code == 302
    data = {"draft-body": "已安排维修。", "draft-handler_name": "李工", "draft-handler_phone": "0475-8123456",
            **_extra(world, "draft-"), **_extra(world)}
    assert client.post(f"/desk/case/{case.pk}/do/draft/", data).status_code == 302
    after = _case(case.pk)
    assert after.state == "drafted"  # the action's own target, not the posted "published"
    assert after.lead_unit_id == before.lead_unit_id == world.housing_unit.pk
    assert (after.due_at, after.urgency, after.supervised, after.reg_no, after.channel, after.policy_name) == (
        before.due_at, before.urgency, before.supervised, before.reg_no, before.channel, before.policy_name)
    assert not after.extension_pending and not after.identity_withheld
    assert not Assignment.objects.filter(case=case, unit=world.education).exists()


def test_a_leader_signing_off_cannot_seal_the_state_to_published(world, clients):
    case = world.housing_drafted
    resp = clients("principal").post(f"/desk/case/{case.pk}/do/sign_off/",
                                     {"sign_off-sealed": "on", **_extra(world, "sign_off-"), **_extra(world)})
    assert resp.status_code == 302
    after = _case(case.pk)
    assert after.state == "signed" and after.lead_unit_id == world.housing_unit.pk


def test_the_operator_dispatching_sets_the_lead_it_chose_and_nothing_else(world, clients):
    case = world.received
    client = clients("operator")
    client.post(f"/desk/case/{case.pk}/do/accept/", {**_extra(world, "accept-")})
    client.post(f"/desk/case/{case.pk}/do/classify/", {"classify-msg_type": "consult", "classify-domain": "urban",
                                                       **_extra(world, "classify-")})
    resp = client.post(f"/desk/case/{case.pk}/do/dispatch/", {"dispatch-lead": world.housing_unit.pk,
                                                              "dispatch-state": "published", "dispatch-reg_no": "X-1"})
    assert resp.status_code == 302
    after = _case(case.pk)
    assert after.state == "dispatched" and after.lead_unit_id == world.housing_unit.pk and after.reg_no != "X-1"


def test_a_writer_posting_staff_fields_on_the_write_form_gets_a_plain_received_message(world, clients):
    client = clients("anonymous")
    key = re.search(r'name="key" value="([^"]+)"', client.get("/write/").content.decode()).group(1)
    data = {"key": key, "name": "王小明", "phone": "13800138000", "email": "wxm@example.cn", "msg_type": "consult",
            "domain": "", "subject": "字段注入测试", "body": "幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，请尽快修复。",
            "may_publish": "no", "consent": "on", "website": "", **_extra(world), "publish_personal": ""}
    resp = client.post("/write/", data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    case = Case.objects.get(subject="字段注入测试")
    assert case.state == "received" and case.lead_unit_id is None and not case.supervised
    assert case.urgency == "normal" and case.due_at is None and not case.may_publish
    assert case.channel != "renmin" and case.reg_no != "2026-99999" and case.tracking_code != "AAAA"
    assert not case.assignments.exists()


def test_a_writer_rating_cannot_move_the_case(world, clients):
    case = world.housing_published
    resp = clients("citizen").post("/status/rate/", {"rating": "satisfied", **_extra(world)})
    assert resp.status_code == 302
    after = _case(case.pk)
    assert after.state == "published" and after.lead_unit_id == world.housing_unit.pk and not after.supervised


def test_notification_settings_name_no_other_user(world, clients):
    resp = clients("handler").post("/notify/settings/", {"email": "none", "sms": "none", "user": world.operator.pk,
                                                          "user_id": world.operator.pk, "pk": world.operator.pk})
    assert resp.status_code == 302
    assert Preference.objects.get(user=world.handler).email == "none"
    assert not Preference.objects.filter(user=world.operator).exists()


def test_bulk_dispatch_by_a_unit_handler_is_refused_whatever_it_names(world, clients):
    resp = clients("handler").post("/desk/bulk/dispatch/", {"case": [world.received.pk], "lead": world.housing_unit.pk})
    assert resp.status_code == 403
    assert _case(world.received.pk).state == "received"
