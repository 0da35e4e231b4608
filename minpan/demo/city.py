"""The fictional city 示范市: its units and one demo account per post.

Units are found by code and users by username, so building twice creates nothing new.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from minpan.units.models import Level, Membership, Unit
from minpan.units.roles import Role

from .texts import GIVEN, SURNAMES

DEFAULT_PASSWORD = "minpan-demo-2026"
CENTER = "zhongxin"
OFFICE = "zhengfuban"

CENTER_UNITS = (
    (CENTER, "示范市民盼通办中心"),
    (OFFICE, "示范市人民政府办公室（督查室）"),
)
DEPARTMENTS = (
    ("zhujian", "市住建局"), ("jiaoyu", "市教育局"), ("jiaotong", "市交通运输局"), ("shengtai", "市生态环境局"),
    ("renshe", "市人社局"), ("weijian", "市卫健委"), ("shangwu", "市商务局"), ("wenlv", "市文旅局"),
    ("gongan", "市公安局"), ("ziran", "市自然资源局"), ("shichang", "市市场监管局"), ("minzheng", "市民政局"),
    ("chengguan", "市城管局"), ("shuiwu", "市水务局"), ("nongye", "市农业农村局"), ("yibao", "市医保局"),
    ("yingji", "市应急局"), ("shuishou", "市税务局"),
)
# county code, name, urban?, townships (code, name)
COUNTIES = (
    ("donghu", "东湖区", True, (("hubin", "湖滨街道"), ("dongguan", "东关街道"), ("xinqiao", "新桥街道"))),
    ("xishan", "西山区", True, (("xiyuan", "西苑街道"), ("songlin", "松林街道"))),
    ("gaoxin", "高新区", True, (("kechuang", "科创街道"), ("nanhu", "南湖街道"))),
    ("qinghe", "清河县", False, (("qinghezhen", "清河镇"), ("liuying", "柳营乡"), ("shiqiao", "石桥镇"))),
    ("qingshi", "青石县", False, (("qingshizhen", "青石镇"), ("baima", "白马乡"))),
    ("yunling", "云岭县", False, (("yunlingzhen", "云岭镇"), ("taoyuan", "桃源乡"), ("longquan", "龙泉镇"))),
)
# Center staff: username, role(s), unit code. admin is added separately as a superuser.
STAFF = (
    ("shouli", (Role.CENTER_OPERATOR,), CENTER),
    ("shenhe", (Role.CENTER_REVIEWER,), CENTER),
    ("ducha", (Role.SUPERVISOR,), OFFICE),
    ("shizhang", (Role.CITY_LEADER,), OFFICE),
)
UNIT_POSTS = (("jb", Role.UNIT_HANDLER), ("fzr", Role.UNIT_PRINCIPAL), ("fg", Role.UNIT_DEPUTY))
# Units whose accounts `demo load` prints in full; the others follow the same naming rule.
SHOWN_UNITS = ("zhujian", "jiaoyu", "donghu", "hubin")


def demo_password() -> str:
    return settings.MINPAN_DEMO_PASSWORD or DEFAULT_PASSWORD


@dataclass
class City:
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    townships: dict[str, list[str]] = field(default_factory=dict)   # county code -> township codes
    urban_counties: list[str] = field(default_factory=list)
    rural_counties: list[str] = field(default_factory=list)
    units_created: int = 0
    users_created: int = 0

    def post(self, unit_code: str, suffix: str):
        return self.users[f"{unit_code}_{suffix}"]

    @property
    def handling_units(self) -> list[str]:
        return [c for c, u in self.units.items() if u.level != Level.CENTER]


def build_city() -> City:
    city = City()
    for code, name in CENTER_UNITS:
        _unit(city, code, name, Level.CENTER, None)
    for code, name in DEPARTMENTS:
        _unit(city, code, name, Level.CITY, None)
    for code, name, urban, towns in COUNTIES:
        county = _unit(city, code, name, Level.COUNTY, None)
        (city.urban_counties if urban else city.rural_counties).append(code)
        city.townships[code] = [t for t, _ in towns]
        for tcode, tname in towns:
            _unit(city, tcode, tname, Level.TOWNSHIP, county)

    # One hash for every demo account: hashing 120 passwords with Argon2 would take longer than the cases.
    hashed = make_password(demo_password())
    admin = _user(city, "admin", hashed, superuser=True)
    for role in (Role.CENTER_OPERATOR, Role.CENTER_REVIEWER, Role.ADMIN):
        Membership.objects.get_or_create(user=admin, unit=city.units[CENTER], role=role)
    for username, roles, unit_code in STAFF:
        user = _user(city, username, hashed)
        for role in roles:
            Membership.objects.get_or_create(user=user, unit=city.units[unit_code], role=role)
    for code in city.handling_units:
        unit = city.units[code]
        for suffix, role in UNIT_POSTS:
            user = _user(city, f"{code}_{suffix}", hashed)
            Membership.objects.get_or_create(user=user, unit=unit, role=role, defaults={"phone": unit.phone})
    return city


def _unit(city: City, code: str, name: str, level: str, parent: Unit | None) -> Unit:
    rng = random.Random(f"unit-{code}")
    unit, created = Unit.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent, "phone": f"{rng.randint(6100, 6899)}{rng.randint(1000, 9999)}"},
    )
    city.units[code] = unit
    city.units_created += created
    return unit


def _user(city: City, username: str, hashed: str, superuser: bool = False):
    rng = random.Random(f"user-{username}")
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"password": hashed, "first_name": name, "is_staff": superuser, "is_superuser": superuser,
                  "email": f"{username}@demo.example.cn"},
    )
    city.users[username] = user
    city.users_created += created
    return user


def display_name(user) -> str:
    return user.first_name or user.get_username()


def all_unit_codes() -> list[str]:
    codes = [c for c, _ in CENTER_UNITS] + [c for c, _ in DEPARTMENTS]
    for code, _, _, towns in COUNTIES:
        codes += [code] + [t for t, _ in towns]
    return codes


def account_rows(full: bool = False) -> list[tuple[str, str, str]]:
    """(username, role labels, unit) for the sign-in table; `full=False` keeps the center and SHOWN_UNITS."""
    codes = all_unit_codes() if full else [CENTER, OFFICE, *SHOWN_UNITS]
    grouped: dict[tuple[str, str], list[str]] = {}
    members = (
        Membership.objects.filter(unit__code__in=codes).select_related("user", "unit").order_by("unit__path", "id")
    )
    for m in members:
        grouped.setdefault((m.user.username, m.unit.name), []).append(Role(m.role).label)
    return [(username, "、".join(labels), unit) for (username, unit), labels in grouped.items()]
