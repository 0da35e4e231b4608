"""Where an approved answer is published, in whose name, and what the public copy names.

Naiman 第十五条: 以承办单位名义在旗政府门户网站和旗政府新媒体帐号上回复网民 … 并在帐号公布承办单位及回复日期.
Tongliao 第十二条: 以承办单位的回复意见当日在网站上公开答复，并公布承办单位及经办人联系方式 (the board the
message was left on, 第三条). Yuncheng 三、四、五(五): the 市长信箱 answers, in its own name. Xizang 第五条(二)(三):
上传人民网公开答复 after the 秘书长审定. Chizhou 第一条、第八条: answered on the platform the message came by.
The publisher's page says where; the publish step records where it was put (the timeline shows it)."""
import pytest

from minpan.cases.errors import RuleViolation
from minpan.cases.models import Event, PublicCopy
from minpan.cases.transitions import apply
from minpan.policies.files import PolicyFileError, dump, load
from minpan.policies.presets import PRESETS
from tests.desk.pages import act
from tests.flow import at, dispatched, fresh, refused
from tests.notify.handoff import Step, make_reachable

MONDAY = at("2026-03-02 10:00")  # far from any holiday


def approved(city, policy, *, channel=None, may_publish=True, capture=None):
    case = dispatched(city, policy, now=MONDAY, channel=channel, may_publish=may_publish)
    apply(case, "claim", actor=city.handler, now=MONDAY)
    case = apply(case, "draft", actor=city.handler, now=MONDAY, body="经现场核实，路灯已于今日修复，感谢您的监督。",
                 handler_name="李工", handler_phone="0475-8123456")
    rule = PRESETS[policy]
    level = rule.sign_off.level_for(case.channel)
    if level:
        apply(case, "sign_off", actor=city.principal if level == "principal" else city.deputy, now=MONDAY, sealed=True)
    if rule.follow_up.callback_before_submit:
        apply(case, "callback", actor=city.handler, now=MONDAY, note="已电话告知办理结果。")
    if rule.follow_up.contact_before_handling:
        apply(case, "contact_writer", actor=city.handler, now=MONDAY, note="已电话联系留言人。")
    apply(case, "submit", actor=city.handler, now=MONDAY)
    approver = city.reviewer
    if rule.review.final_approver:  # Xizang 第五条(二): 督查室整理，报秘书长审定
        apply(case, "prepare", actor=city.reviewer, now=MONDAY)
        approver = city.leader
    if capture is not None:  # the publisher's notice, sent after commit
        return Step(capture, case, "approve", actor=approver, now=MONDAY)
    return apply(case, "approve", actor=approver, now=MONDAY)


def published_page(client, case) -> str:
    return client.get(f"/answers/{case.pk}/").content.decode()


def test_naiman_publisher_is_told_both_places_and_the_answer_goes_out_in_the_units_name(city, client, settings):
    settings.MINPAN_POLICY = "naiman"
    case = approved(city, "naiman")
    client.force_login(city.operator)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "公开答复须发布在：政府网站网上咨询、政务新媒体（微信、微博）（以承办单位名义答复，公布承办单位及回复日期）" in page
    assert page.count('name="publish-places"') == 2 and page.count("checked") >= 2  # both ticked
    resp = act(client, city.operator, case, "publish", mode="public", places=["portal", "new_media"])
    assert resp.status_code == 302, resp.content.decode()[:2000]
    assert Event.objects.get(case=case, action="publish").data["places"] == ["portal", "new_media"]
    assert "发布位置：政府网站网上咨询、政务新媒体（微信、微博）" in client.get(f"/desk/case/{case.pk}/").content.decode()
    copy = PublicCopy.objects.get(case=case)
    assert copy.signed_by == "市住建局" and copy.unit_name == "市住建局"
    public = published_page(client, case)
    assert "答复单位" in public and "市住建局的答复" in public, public[-3000:]
    assert f"{copy.answered_at.year}年" in public.split("市住建局的答复")[-1]  # the reply date under the signature
    assert "李工" not in public  # 第十五条 publishes the unit and the date, not the handler


def test_the_publisher_is_told_where_at_the_approval(city, django_capture_on_commit_callbacks):
    make_reachable(city)
    step = approved(city, "naiman", capture=django_capture_on_commit_callbacks)
    assert "请发布（公开答复发布到：政府网站网上咨询、政务新媒体（微信、微博））" in step.note_of("operator").body


def test_the_publisher_records_only_the_places_it_was_put_on(city, client, settings):
    settings.MINPAN_POLICY = "naiman"
    case = approved(city, "naiman")
    act(client, city.operator, case, "publish", mode="public", places=["new_media"])
    assert Event.objects.get(case=case, action="publish").data["places"] == ["new_media"]


def test_a_place_the_policy_does_not_name_or_none_at_all_is_refused(city):
    case = approved(city, "naiman")
    with pytest.raises(RuleViolation, match="不是本制度规定的答复发布位置"):
        apply(case, "publish", actor=city.operator, mode="public", places=["people_daily"])
    refused(case, RuleViolation, "publish", actor=city.operator, mode="public", places=[])
    assert fresh(case).state == "approved"


def test_a_private_answer_is_put_nowhere(city):
    case = approved(city, "naiman")
    apply(case, "publish", actor=city.operator, mode="private", public_note="涉及个人隐私，已直接答复本人。")
    assert "places" not in Event.objects.get(case=case, action="publish").data


def test_tongliao_answers_on_the_board_the_message_was_left_on_naming_unit_and_handler(city, client, settings):
    settings.MINPAN_POLICY = "tongliao"
    case = approved(city, "tongliao", channel="people_daily_chairman")
    client.force_login(city.operator)
    page = client.get(f"/desk/case/{case.pk}/").content.decode()
    assert "公开答复须发布在：人民网领导留言板（主席板块）（以中心名义答复，公布承办单位及回复日期、经办人联系方式）" in page
    apply(case, "publish", actor=city.operator, mode="public")  # not given: every place of the policy
    assert Event.objects.get(case=case, action="publish").data["places"] == ["people_daily_chairman"]
    public = published_page(client, case)
    # 第十二条: the center publishes the unit's answer and names the unit and the handler's contact
    assert "市民盼中心的答复" in public and "答复单位" in public and "市住建局" in public
    assert "李工" in public and "0475-8123456" in public


def test_yuncheng_answers_in_the_mailboxs_name_without_naming_the_unit(city, client, settings):
    settings.MINPAN_POLICY = "yuncheng"
    case = approved(city, "yuncheng", channel="mayor_mailbox")
    apply(case, "publish", actor=city.operator, mode="public")
    assert Event.objects.get(case=case, action="publish").data["places"] == ["mayor_mailbox"]
    copy = PublicCopy.objects.get(case=case)
    assert copy.signed_by == "市民盼中心" and copy.unit_name == ""
    public = published_page(client, case)
    assert "答复单位" not in public and "市民盼中心的答复" in public
    listing = client.get("/answers/").content.decode()
    assert "答复单位" not in listing and "答复日期" in listing  # nor a filter by the unit


def test_xizang_uploads_to_the_chairmans_board(city, client, settings):
    settings.MINPAN_POLICY = "xizang"
    case = approved(city, "xizang")
    client.force_login(city.reviewer)  # 第五条(三): the reviewing office publishes
    assert "公开答复须发布在：人民网领导留言板（主席板块）（以中心名义答复）" in client.get(f"/desk/case/{case.pk}/").content.decode()
    act(client, city.reviewer, case, "publish", mode="public", places=["people_daily_chairman"])
    assert Event.objects.get(case=case, action="publish").data["places"] == ["people_daily_chairman"]
    assert PublicCopy.objects.get(case=case).unit_name == ""


def test_chizhou_answers_on_the_platform_the_message_came_by(city):
    case = approved(city, "chizhou", channel="governor_mailbox")
    apply(case, "publish", actor=city.operator, mode="public")
    assert Event.objects.get(case=case, action="publish").data["places"] == ["governor_mailbox"]
    copy = PublicCopy.objects.get(case=case)
    assert copy.unit_name == "市住建局" and copy.signed_by == "市民盼中心" and "李工" in copy.handler_contact


def test_the_list_names_the_unit_where_the_policy_publishes_it(city, client, settings):
    settings.MINPAN_POLICY = "naiman"
    apply(approved(city, "naiman"), "publish", actor=city.operator, mode="public")
    listing = client.get("/answers/").content.decode()
    assert "答复单位" in listing and "市住建局" in listing


def test_the_places_and_names_are_city_settings_in_the_toml():
    text = dump(PRESETS["naiman"])
    assert 'places = ["portal", "new_media"]' in text and "in_unit_name = true" in text and "show_unit = true" in text
    assert load(dump(PRESETS["tongliao"])).publication.places == ("origin",)
    with pytest.raises(PolicyFileError, match="publication.places"):
        load(text.replace('places = ["portal", "new_media"]', 'places = ["wechat"]'))


def test_the_admin_shows_the_places_and_names_in_chinese(admin_client, settings):
    settings.MINPAN_POLICY = "naiman"
    text = admin_client.get("/admin/policies/policyinforce/").content.decode()
    assert "publication.places" in text and "答复发布的位置" in text and "政府网站网上咨询、政务新媒体（微信、微博）" in text
    assert "以承办单位名义答复" in text and "公开答复公布承办单位及回复日期" in text
