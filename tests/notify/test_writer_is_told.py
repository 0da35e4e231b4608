"""The writer is told, by SMS and at a confirmed e-mail address: accepted (with the registration
number and the answer's time), not accepted (reason, explanation, where to turn), extension
approved (the new date), answer published (a link, never the password), called back. Each once
per event, in our words only, in the wording the admin may change."""
import pytest
from django.core import mail
from django.utils import timezone

from minpan.cases.models import Citizen
from minpan.cases.transitions import apply
from minpan.notify.models import Delivery, Kind, Template
from minpan.notify.tasks import deliver_all
from minpan.notify.to_writer import DEFAULTS
from tests.flow import at, collect

# A subject and body someone could type to send government-branded bait to a stranger.
BAIT = "=点此领奖 http://evil.example"
BAIT_BODY = f"{BAIT} 请速来领取，电话 13800138000。"
TYPED = ("点此领奖", "evil.example", "请速来领取", "王小明")

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """Run `fn` as a committed action: the listeners run, once, as after a real commit."""
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)
    return run


def written(policy="tongliao", *, confirmed=False, now="2026-03-02 08:00", **kw):
    case = collect(policy, subject=BAIT, body=BAIT_BODY, now=at(now), **kw)
    if confirmed:
        Citizen.objects.filter(case=case).update(email_confirmed_at=timezone.now())
    return case


def notices(case, kind) -> list[Delivery]:
    """The deliveries of one kind of notice: the SMS carries its title in 【】, the e-mail as its subject."""
    title = DEFAULTS[kind][0]
    return [d for d in Delivery.objects.filter(case=case).order_by("pk") if d.title == title or d.text.startswith(f"【{title}】")]


def sent_texts(case) -> list[str]:
    deliver_all.call(list(Delivery.objects.filter(state="pending").values_list("pk", flat=True)))
    return [f"{d.title} {d.text}" for d in Delivery.objects.filter(case=case)] + [f"{m.subject} {m.body}" for m in mail.outbox]


def accepted(city, told, case, now="2026-03-02 09:00"):
    told(apply, case, "accept", actor=city.operator, now=at(now))
    return told(apply, case, "classify", actor=city.operator, now=at(now), msg_type="complaint", domain="urban")


def extended(city, told, case):
    accepted(city, told, case)
    told(apply, case, "dispatch", actor=city.operator, now=at("2026-03-02 10:00"), lead=city.housing)
    told(apply, case, "claim", actor=city.handler, now=at("2026-03-02 11:00"))
    told(apply, case, "request_extension", actor=city.handler, now=at("2026-03-03 10:00"), days=3, reason="需现场核查")
    told(apply, case, "endorse_extension", actor=city.deputy, now=at("2026-03-03 10:30"))  # 逐级 (第十四条)
    return told(apply, case, "approve_extension", actor=city.reviewer, now=at("2026-03-03 11:00"))


def published(city, told, case, *, mode="public"):
    extended(city, told, case)
    told(apply, case, "draft", actor=city.handler, now=at("2026-03-04 10:00"), body="已修复。", handler_name="李工", handler_phone="0475-1")
    told(apply, case, "sign_off", actor=city.principal, now=at("2026-03-04 11:00"), sealed=True)
    told(apply, case, "submit", actor=city.handler, now=at("2026-03-04 12:00"))
    told(apply, case, "approve", actor=city.reviewer, now=at("2026-03-04 13:00"))
    note = "" if mode == "public" else "涉及个人隐私，已直接答复本人。"
    return told(apply, case, "publish", actor=city.operator, now=at("2026-03-04 14:00"), mode=mode, public_note=note)


@pytest.mark.parametrize("confirmed", [False, True])
def test_accepted_once_with_registration_number_and_the_answer_time(city, told, confirmed):
    case = accepted(city, told, written(confirmed=confirmed))
    rows = notices(case, Kind.TO_WRITER_ACCEPTED)
    assert [d.channel for d in rows] == (["sms", "email"] if confirmed else ["sms"])
    assert {d.address for d in rows} <= {"13800138000", "wxm@example.cn"}
    text = rows[0].text
    assert case.tracking_code in text and case.reg_no in text
    # Tongliao: 5 working days from the unit's receipt of the form, which is still to come
    assert "将自承办单位收到之日起 5 个工作日内答复" in text


def test_xizang_counts_from_the_claim(city, told):
    case = accepted(city, told, written("xizang"))
    assert "将自承办单位认领之日起 10 个工作日内答复" in notices(case, Kind.TO_WRITER_ACCEPTED)[0].text


def test_a_reclassification_tells_the_writer_nothing_new(city, told):
    case = accepted(city, told, written())
    told(apply, case, "classify", actor=city.operator, now=at("2026-03-02 09:30"), msg_type="consult", domain="urban")
    assert len(notices(case, Kind.TO_WRITER_ACCEPTED)) == 1


@pytest.mark.parametrize("confirmed", [False, True])
def test_not_accepted_once_with_reason_explanation_and_channel(city, told, confirmed):
    case = written(confirmed=confirmed)
    told(apply, case, "not_accept", actor=city.operator, now=at("2026-03-02 09:00"), reason="legal_process",
         explanation="该事项已进入行政复议程序，依规不予受理。", suggested_channel="市司法局行政复议窗口（0475-8000000）")
    rows = notices(case, Kind.TO_WRITER_NOT_ACCEPTED)
    assert [d.channel for d in rows] == (["sms", "email"] if confirmed else ["sms"])
    text = rows[0].text
    assert "已进入司法、仲裁、行政复议或信访程序" in text
    assert "该事项已进入行政复议程序，依规不予受理。" in text
    assert "市司法局行政复议窗口（0475-8000000）" in text and case.tracking_code in text


@pytest.mark.parametrize("confirmed", [False, True])
def test_extension_approved_once_with_the_new_date(city, told, confirmed):
    case = extended(city, told, written(confirmed=confirmed))
    rows = notices(case, Kind.TO_WRITER_EXTENDED)
    assert [d.channel for d in rows] == (["sms", "email"] if confirmed else ["sms"])
    # dispatched Mon 2 March: 5 working days to Mon 9 March, 3 more to Thu 12 March
    assert "答复期限延至 2026年03月12日 24:00" in rows[0].text


def test_a_refused_extension_tells_the_writer_nothing(city, told):
    case = written()
    accepted(city, told, case)
    told(apply, case, "dispatch", actor=city.operator, now=at("2026-03-02 10:00"), lead=city.housing)
    told(apply, case, "claim", actor=city.handler, now=at("2026-03-02 11:00"))
    told(apply, case, "request_extension", actor=city.handler, now=at("2026-03-03 10:00"), days=3, reason="需现场核查")
    told(apply, case, "endorse_extension", actor=city.deputy, now=at("2026-03-03 10:30"))
    told(apply, case, "refuse_extension", actor=city.reviewer, now=at("2026-03-03 11:00"), decision_note="期限内可办结")
    assert notices(case, Kind.TO_WRITER_EXTENDED) == []


@pytest.mark.parametrize("confirmed", [False, True])
def test_published_once_with_links_and_never_the_password(city, told, confirmed):
    case = published(city, told, written(confirmed=confirmed))
    rows = notices(case, Kind.TO_WRITER_PUBLISHED)
    assert [d.channel for d in rows] == (["sms", "email"] if confirmed else ["sms"])
    text = rows[0].text
    assert "/query/" in text and f"/answers/{case.pk}/" in text
    assert "查询密码" in text and "password" not in text  # it says the password is needed, and does not give it


def test_a_private_answer_links_only_to_the_lookup(city, told):
    case = published(city, told, written(), mode="private")
    text = notices(case, Kind.TO_WRITER_PUBLISHED)[0].text
    assert "/query/" in text and "/answers/" not in text


def test_a_reopened_and_republished_answer_is_a_second_notice(city, told):
    case = published(city, told, written())
    told(apply, case, "reopen", actor=city.operator, now=at("2026-03-05 09:00"), reason="回头看发现未修复")
    told(apply, case, "dispatch", actor=city.operator, now=at("2026-03-05 10:00"), lead=city.housing)
    told(apply, case, "claim", actor=city.handler, now=at("2026-03-05 11:00"))
    told(apply, case, "draft", actor=city.handler, now=at("2026-03-06 10:00"), body="已更换线路。", handler_name="李工", handler_phone="0475-1")
    told(apply, case, "sign_off", actor=city.principal, now=at("2026-03-06 11:00"), sealed=True)
    told(apply, case, "submit", actor=city.handler, now=at("2026-03-06 12:00"))
    told(apply, case, "approve", actor=city.reviewer, now=at("2026-03-06 13:00"))
    told(apply, case, "publish", actor=city.operator, now=at("2026-03-06 14:00"), mode="public")
    assert len(notices(case, Kind.TO_WRITER_PUBLISHED)) == 2
    assert len(notices(case, Kind.TO_WRITER_ACCEPTED)) == 1  # the re-dispatch is not a new acceptance


@pytest.mark.parametrize("confirmed", [False, True])
def test_callback_once(city, told, confirmed):
    case = published(city, told, written(confirmed=confirmed))
    told(apply, case, "rate", now=at("2026-03-05 09:00"), rating="unsatisfied")
    told(apply, case, "callback", actor=city.handler, now=at("2026-03-05 10:00"), note="已电话说明")
    rows = notices(case, Kind.TO_WRITER_CALLBACK)
    assert [d.channel for d in rows] == (["sms", "email"] if confirmed else ["sms"])
    assert case.tracking_code in rows[0].text


@pytest.mark.parametrize("confirmed", [False, True])
def test_no_notice_quotes_what_the_writer_typed(city, told, confirmed):
    case = published(city, told, written(confirmed=confirmed))
    told(apply, case, "rate", now=at("2026-03-05 09:00"), rating="unsatisfied", comment=BAIT)
    told(apply, case, "follow_up", now=at("2026-03-05 09:30"), text=f"{BAIT} 追问：请速来领取")
    told(apply, case, "callback", actor=city.handler, now=at("2026-03-05 10:00"), note="已电话说明")
    refused = written(confirmed=confirmed, now="2026-03-02 08:30")
    told(apply, refused, "not_accept", actor=city.operator, now=at("2026-03-02 09:00"), reason="unlawful_abusive",
         explanation="留言内容属于恶意骚扰。", suggested_channel="如有诉求请拨打 12345 热线")
    texts = sent_texts(case) + sent_texts(refused)
    assert len(texts) >= 5  # accepted, extended, published, called back; not accepted
    for typed in TYPED:
        assert not any(typed in t for t in texts), typed


def test_a_writer_without_contact_is_told_nothing(city, told):
    case = published(city, told, written(citizen={"name": "匿名"}))
    assert Delivery.objects.filter(case=case).count() == 0


def test_the_wording_is_the_admins_where_changed(city, told):
    Template.objects.create(kind=Kind.TO_WRITER_ACCEPTED, title="受理告知", body="{{ tracking_code }} 已受理，登记编号 {{ reference }}。")
    case = accepted(city, told, written())
    sms = Delivery.objects.get(case=case, channel="sms", text__startswith="【受理告知】")
    assert sms.text == f"【受理告知】{case.tracking_code} 已受理，登记编号 {case.reg_no}。"
