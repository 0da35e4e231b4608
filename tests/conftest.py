"""Shared people and units for every test: one small city, one user per role."""
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from minpan.units.models import Level, Membership, Unit
from minpan.units.roles import Role


@pytest.fixture(autouse=True)
def fast_hashers(settings):
    # Argon2 is right for people, too slow for a thousand test log-ins.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(username, unit, *roles):
    user = get_user_model().objects.create_user(username=username, password="correct-horse-battery")
    for role in roles:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def city(db):
    """center: 市民盼中心; units: 市住建局, 市教育局, 东城区 > 东城街道; 市政府督查室 for supervision."""
    center = Unit.objects.create(name="市民盼中心", code="center", level=Level.CENTER)
    office = Unit.objects.create(name="市政府督查室", code="duchashi", level=Level.CENTER)
    housing = Unit.objects.create(name="市住建局", code="zhujian", level=Level.CITY)
    education = Unit.objects.create(name="市教育局", code="jiaoyu", level=Level.CITY)
    district = Unit.objects.create(name="东城区", code="dongcheng", level=Level.COUNTY)
    street = Unit.objects.create(name="东城街道", code="dongcheng-jd", level=Level.TOWNSHIP, parent=district)
    return SimpleNamespace(
        center=center, office=office, housing=housing, education=education, district=district, street=street,
        operator=_user("operator", center, Role.CENTER_OPERATOR),
        reviewer=_user("reviewer", center, Role.CENTER_REVIEWER),
        handler=_user("handler", housing, Role.UNIT_HANDLER),
        principal=_user("principal", housing, Role.UNIT_PRINCIPAL),
        deputy=_user("deputy", housing, Role.UNIT_DEPUTY),
        edu_handler=_user("edu_handler", education, Role.UNIT_HANDLER),
        edu_principal=_user("edu_principal", education, Role.UNIT_PRINCIPAL),
        district_handler=_user("district_handler", district, Role.UNIT_HANDLER),
        street_handler=_user("street_handler", street, Role.UNIT_HANDLER),
        supervisor=_user("supervisor", office, Role.SUPERVISOR),
        leader=_user("leader", office, Role.CITY_LEADER),
    )
