"""Yuncheng 五(二): the center answers a consultation directly 依据相关规定. An answer taken from the
知识库 records the entry on the case's event and is counted; an entry not approved or out of date
cannot be cited, and the case is left as it was."""
import datetime as dt

import time_machine

from minpan.cases.errors import CaseError
from minpan.cases.transitions import apply
from minpan.knowledge.answers import answered_from_knowledge
from tests.flow import at, fresh, refused
from tests.knowledge.entries import ANSWER, consultation, residence_permit

NOW = at("2026-04-07 10:00")  # the Tuesday after 清明 (4–6 April)


def test_answer_from_the_knowledge_base_is_recorded_and_counted(city):
    entry = residence_permit(city)
    case = consultation(city, NOW)
    apply(case, "direct_answer", actor=city.operator, now=NOW, body=ANSWER, knowledge=entry.pk)
    event = fresh(case).events.order_by("-seq").first()
    assert event.data["knowledge"] == entry.pk and event.data["knowledge_title"] == "居住证怎么办理"
    assert answered_from_knowledge(dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == 1
    assert answered_from_knowledge(dt.date(2026, 5, 1), dt.date(2026, 5, 31)) == 0


def test_an_answer_typed_by_hand_is_not_counted(city):
    residence_permit(city)
    case = consultation(city, NOW)
    apply(case, "direct_answer", actor=city.operator, now=NOW, body="请携带身份证到派出所办理。")
    assert "knowledge" not in fresh(case).events.order_by("-seq").first().data
    assert answered_from_knowledge(dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == 0


def test_an_unapproved_entry_cannot_be_cited(city):
    entry = residence_permit(city, approve=False)
    case = consultation(city, NOW)
    refused(case, CaseError, "direct_answer", actor=city.operator, now=NOW, body=ANSWER, knowledge=entry.pk)


def test_an_entry_past_its_date_cannot_be_cited(city):
    entry = residence_permit(city, valid_until=dt.date(2026, 3, 31))
    case = consultation(city, NOW)
    refused(case, CaseError, "direct_answer", actor=city.operator, now=NOW, body=ANSWER, knowledge=entry.pk)


def test_the_desk_form_says_why_an_old_entry_was_refused(client, city):
    entry = residence_permit(city, valid_until=dt.date(2026, 3, 31))
    case = consultation(city, NOW)
    client.force_login(city.operator)
    with time_machine.travel(NOW, tick=False):
        resp = client.post(f"/desk/case/{case.pk}/do/direct_answer/",
                           {"direct_answer-body": ANSWER, "direct_answer-knowledge": entry.pk})
    assert resp.status_code == 400
    assert "已过有效期" in resp.content.decode()
    assert fresh(case).state == "registered"
