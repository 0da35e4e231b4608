from minpan.cases.transitions import apply
from minpan.desk.models import ReplyTemplate
from tests.flow import collect, dispatched


def test_a_unit_sees_its_own_and_the_citys_reply_templates_beside_the_draft(client, city):
    ReplyTemplate.objects.create(title="住建局：维修类", body="您反映的问题已转物业维修。", unit=city.housing)
    ReplyTemplate.objects.create(title="教育局：招生类", body="请咨询学区。", unit=city.education)
    ReplyTemplate.objects.create(title="通用：感谢", body="感谢您的关注与监督。")
    ReplyTemplate.objects.create(title="停用的", body="x", active=False)
    case = dispatched(city, "tongliao")
    apply(case, "claim", actor=city.handler)
    client.force_login(city.handler)
    text = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "住建局：维修类" in text and "通用：感谢" in text
    assert "教育局：招生类" not in text and "停用的" not in text
    assert 'data-insert="#id_draft-body"' in text


def test_not_accepted_reasons_have_canned_explanations(client, city):
    ReplyTemplate.objects.create(kind="not_accepted", reason="legal_process", title="涉诉",
                                 body="您反映的事项已进入司法程序，请依法通过诉讼途径解决。")
    case = collect("tongliao")
    client.force_login(city.operator)
    text = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "涉诉" in text and 'data-insert="#id_not_accept-explanation"' in text
