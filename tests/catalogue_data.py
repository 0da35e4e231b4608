"""A small dispatch catalogue over the shared test city (tests/conftest.py city)."""
from minpan.catalogue.services import matter_create
from tests.flow import at


def streetlights(city, *, lead=None, now=None):
    """路灯 is the housing bureau's (市住建局) in this catalogue, unless told otherwise."""
    return matter_create(code="urban-streetlight", domain="urban", name="城市道路照明（路灯）维护",
                         keywords="路灯 路灯不亮 照明设施", lead_unit=lead or city.housing, co_units=[city.district],
                         legal_basis="《城市道路照明设施管理规定》第五条", answer_days=5, by=city.operator,
                         reason="首次编制", now=now or at("2026-01-05 09:00"))


def school_fees(city, *, now=None):
    return matter_create(code="edu-fees", domain="education", name="中小学收费", keywords="学校收费 补课费 校服费",
                         lead_unit=city.education, by=city.operator, reason="首次编制", now=now or at("2026-01-05 09:00"))
