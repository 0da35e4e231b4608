"""The demo city has a dispatch catalogue (派单目录), so `make run` proposes by it at dispatch."""
from minpan.catalogue.models import Matter
from minpan.catalogue.selectors import catalogue_proposals
from minpan.demo.catalogue import MATTERS, load_catalogue
from minpan.demo.city import build_city


def test_the_demo_catalogue_loads_once_and_proposes_its_units(db):
    city = build_city()
    assert load_catalogue(city) == len(MATTERS)
    assert load_catalogue(city) == 0 and Matter.objects.count() == len(MATTERS)
    first = catalogue_proposals(title="东风路路灯不亮，夜间出行不安全", body="多处路灯损坏。")[0]
    assert first.unit == city.units["chengguan"] and "城市道路照明" in first.why
    assert catalogue_proposals(title="农民工工资被拖欠，求助", body="")[0].unit == city.units["renshe"]
