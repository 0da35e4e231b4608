"""Shared people and units for every test: one small city, one user per role; browser set-up."""
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from hypothesis import settings as hypothesis_settings

from minpan.units.models import Level, Membership, Unit
from minpan.units.roles import Role

# The same examples on every run: a CI run is red or green for the code, not for the draw.
hypothesis_settings.register_profile("minpan", derandomize=True, database=None)
hypothesis_settings.load_profile("minpan")


@pytest.fixture(autouse=True)
def no_cached_catalogue():
    # the catalogue each process keeps for a minute belongs to one test's database
    from minpan.catalogue.selectors import forget_cached

    forget_cached()
    yield
    forget_cached()


@pytest.fixture(autouse=True)
def fast_hashers(settings):
    # Argon2 is right for people, too slow for a thousand test log-ins.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(username, unit, *roles):
    user = get_user_model().objects.create_user(username=username, password="correct-horse-battery")
    for role in roles:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def ensure_calendar() -> None:
    """The seeded calendar, put back if a transactional test's flush took it (the migration's
    data is not re-run, and serialized_rollback restores nothing once a live-server test ran)."""
    from django.apps import apps

    from minpan.workdays.models import DayOverride

    if not DayOverride.objects.exists():
        import importlib

        seed = importlib.import_module("minpan.workdays.migrations.0002_seed_chinese_calendar").seed
        seed(apps, None)


@pytest.fixture
def city(db):
    """center: 市民盼中心; units: 市住建局, 市教育局, 东城区 > 东城街道; 市政府督查室 for supervision."""
    ensure_calendar()
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


# ---- browser tests (pytest-playwright driving Debian's chromium) ------------------------

CHROMIUM = os.environ.get("MINPAN_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


# Playwright's sync API runs an event loop in the test thread; the ORM calls a browser test
# makes around it (creating users, checking rows) are still plain synchronous code. Only
# browser tests lift Django's guard, from the start of their set-up (the session's database
# may be created inside it, once Playwright is running) to the end of their teardown.
# Hooks rather than a fixture: session fixtures are set up before any function-scoped one.
# Once started, Playwright's loop stays registered as running in this thread until the
# session ends, so the browser tests run last: every other test runs before it exists.
_ASYNC_UNSAFE_BEFORE = pytest.StashKey[str | None]()


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering, which this keeps within each group
def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    if item.get_closest_marker("browser"):
        item.stash[_ASYNC_UNSAFE_BEFORE] = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        if _ASYNC_UNSAFE_BEFORE in item.stash:
            before = item.stash[_ASYNC_UNSAFE_BEFORE]
            if before is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"CI needs chromium at {CHROMIUM}: .ci/run installs it with apt")
        pytest.skip(f"no chromium at {CHROMIUM}: `apt-get install chromium` to run the browser tests")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
        ],
    }


@pytest.fixture
def artifacts() -> Path:
    """Where browser tests save their screenshots (kept by CI as test artifacts)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
