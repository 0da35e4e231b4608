"""知识库 entries: the owner unit and the center write them, the center's reviewer approves them, and
an edit withdraws the approval until the reviewer looks again; another unit may read, not write."""
import datetime as dt

import time_machine

from minpan.knowledge.models import Entry
from minpan.knowledge.search import search
from tests.flow import at
from tests.knowledge.entries import ANSWER, residence_permit

NOW = at("2026-04-07 10:00")
FORM = {"title": "居住证怎么办理", "questions": "", "answer": ANSWER, "basis": "《居住证暂行条例》",
        "valid_from": "2026-01-01", "valid_until": ""}


def _post(client, user, url, data):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        return client.post(url, data)


def test_a_unit_writes_an_entry_that_waits_for_the_center(client, city):
    resp = _post(client, city.handler, "/desk/knowledge/new/", {**FORM, "owner": city.housing.pk})
    entry = Entry.objects.get()
    assert resp.status_code == 302 and not entry.approved and entry.created_by == city.handler
    assert search("外地人怎么办理居住证", day=dt.date(2026, 4, 7)) == []  # not offered before approval

    client.force_login(city.handler)
    assert "审核通过" not in client.get(f"/desk/knowledge/{entry.pk}/").content.decode()
    assert _post(client, city.operator, f"/desk/knowledge/{entry.pk}/approve/", {}).status_code == 403
    assert _post(client, city.reviewer, f"/desk/knowledge/{entry.pk}/approve/", {}).status_code == 302
    entry.refresh_from_db()
    assert entry.approved_by == city.reviewer
    assert [f.entry for f in search("外地人怎么办理居住证", day=dt.date(2026, 4, 7))] == [entry]


def test_an_edit_withdraws_the_approval(client, city):
    entry = residence_permit(city)
    resp = _post(client, city.principal, f"/desk/knowledge/{entry.pk}/",
                 {**FORM, "owner": city.housing.pk, "answer": ANSWER + "可在政务服务网预约。"})
    assert resp.status_code == 302
    entry.refresh_from_db()
    assert not entry.approved and "预约" in entry.answer


def test_a_unit_cannot_write_for_another_unit(client, city):
    entry = residence_permit(city)
    resp = _post(client, city.edu_handler, f"/desk/knowledge/{entry.pk}/", {**FORM, "owner": city.education.pk})
    assert resp.status_code == 403
    entry.refresh_from_db()
    assert entry.approved and entry.owner == city.housing
    # nor name another unit as the owner of a new entry
    resp = _post(client, city.edu_handler, "/desk/knowledge/new/", {**FORM, "owner": city.housing.pk})
    assert resp.status_code == 400 and not Entry.objects.filter(owner=city.housing).exclude(pk=entry.pk).exists()
    client.force_login(city.edu_handler)
    assert "保存" not in client.get(f"/desk/knowledge/{entry.pk}/").content.decode()  # read-only for them


def test_the_end_date_is_not_before_the_start(client, city):
    resp = _post(client, city.operator, "/desk/knowledge/new/",
                 {**FORM, "owner": city.housing.pk, "valid_from": "2026-05-01", "valid_until": "2026-04-01"})
    assert resp.status_code == 400 and "有效期至不能早于生效日期" in resp.content.decode()


def test_the_list_searches_by_a_message(client, city):
    residence_permit(city)
    client.force_login(city.edu_handler)
    text = client.get("/desk/knowledge/", {"q": "想问一下居住证要带哪些材料"}).content.decode()
    assert "居住证怎么办理" in text and "《居住证暂行条例》" in text
