"""`minpan demo load` brings canned replies (常用答复): the center's for every unit, a few of two
departments' own, and the standard 不予受理 explanations, once however often it runs."""
import io

from django.core.management import call_command

from minpan.desk.models import ReplyTemplate
from minpan.policies.codes import NOT_ACCEPTED_REASONS


def _load():
    call_command("demo", "load", "--cases", "0", stdout=io.StringIO())


def test_the_demo_loads_canned_replies_of_each_kind_once(db):
    _load()
    _load()
    replies = ReplyTemplate.objects.filter(kind="reply")
    assert replies.filter(unit__isnull=True).count() >= 4
    assert set(replies.exclude(unit=None).values_list("unit__name", flat=True)) == {"市住建局", "市教育局"}
    refusals = ReplyTemplate.objects.filter(kind="not_accepted")
    assert refusals.count() >= 4
    assert all(r in NOT_ACCEPTED_REASONS for r in refusals.values_list("reason", flat=True))
    assert ReplyTemplate.objects.values("kind", "title").distinct().count() == ReplyTemplate.objects.count()


def test_a_unit_handler_is_offered_the_centers_and_its_own(db):
    from minpan.demo.city import build_city
    from minpan.desk.casepage import canned

    _load()
    city = build_city()
    mine = canned(city.post("zhujian", "jb"), {"reply"})["reply"]
    titles = {t.title for t in mine}
    assert "通用：已办结" in titles and "住建局：物业维修" in titles
    assert not any(t.startswith("教育局") for t in titles)
