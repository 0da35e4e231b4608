"""不予受理告知: the notices with their explanation and suggested channel, redacted."""
import pytest

from minpan.cases.models import Case
from minpan.cases.transitions import apply

from .conftest import WRITER, form_data

pytestmark = pytest.mark.django_db


def refuse(client, city, *, may_publish="yes", explanation="该事项已进入诉讼程序，请依法通过司法途径解决。"):
    client.post("/write/", form_data(client, may_publish=may_publish, subject=f"{WRITER['name']}的劳动纠纷",
                                      body=f"我是{WRITER['name']}，电话 {WRITER['phone']}，公司拖欠工资已起诉。"))
    case = Case.objects.latest("pk")
    return apply(case, "not_accept", actor=city.operator, reason="legal_process", explanation=explanation, suggested_channel="人民法院")


def test_notices_show_reason_explanation_and_channel_without_identity(client, city):
    refuse(client, city, explanation=f"{WRITER['name']}：该事项已进入诉讼程序。")
    page = client.get("/not-accepted/").content.decode()
    assert "已进入司法、仲裁、行政复议或信访程序" in page and "该事项已进入诉讼程序" in page and "人民法院" in page
    for secret in (WRITER["name"], WRITER["phone"]):
        assert secret not in page


def test_no_notice_without_consent_to_publish(client, city):
    refuse(client, city, may_publish="no")
    assert "暂无不予受理告知" in client.get("/not-accepted/").content.decode()
