"""Shared steps for the portal tests: a citizen's form, and driving a written case to its answer."""
import re

import pytest

from minpan.cases.transitions import apply
from tests import images

PNG = images.PNG  # a real 1×1 picture: the portal opens every image with Pillow
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A valid 18-digit ID number (checksum correct) and the writer's details.
ID_NUMBER = "150525198506123010"
WRITER = {"name": "王小明", "phone": "13800138000", "email": "wxm@example.cn"}


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    return settings.MINPAN_FILES_DIR


def form_data(client, url="/write/", **overrides):
    """The write form as a person fills it in, with the key the page handed out."""
    page = client.get(url)
    key = re.search(r'name="key" value="([^"]+)"', page.content.decode()).group(1)
    data = {
        "key": key, "name": WRITER["name"], "phone": WRITER["phone"], "email": WRITER["email"],
        "msg_type": "consult", "domain": "", "subject": "小区路灯不亮",
        "body": "幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，请尽快修复。",
        "may_publish": "yes", "consent": "on", "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def answered(city, case, *, body="已安排维修，三日内修复。", mode="public", handler=("李工", "0475-8123456")):
    """Drive a written case through the core to 'published' (as staff would)."""
    from minpan.policies.presets import PRESETS

    policy = PRESETS[case.policy_name]
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type=policy.message_types[0], domain="urban")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body=body, handler_name=handler[0], handler_phone=handler[1])
    if policy.sign_off.level_for(case.channel):
        apply(case, "sign_off", actor=city.principal, sealed=True)
    if policy.follow_up.callback_before_submit:
        apply(case, "callback", actor=city.handler, note="已电话告知办理结果")
    apply(case, "submit", actor=city.handler)
    apply(case, "approve", actor=city.reviewer)
    return apply(case, "publish", actor=city.operator, mode=mode, public_note="" if mode == "public" else "涉及个人隐私，已直接答复本人。")
