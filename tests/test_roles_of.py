"""One answer to "which roles does this person hold", for access, the desk and notify."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from minpan.cases.access import is_center
from minpan.desk.views.common import staff_roles
from minpan.notify.recipients import at_center
from minpan.units.models import Membership
from minpan.units.people import roles_of
from minpan.units.roles import Role


def _superuser(username="root", **extra):
    return get_user_model().objects.create_superuser(username=username, password="correct-horse-battery", **extra)


def test_a_member_holds_the_roles_of_their_memberships(city):
    assert roles_of(city.handler) == {Role.UNIT_HANDLER}
    assert not is_center(city.handler)
    assert roles_of(city.reviewer) == {Role.CENTER_REVIEWER}
    assert is_center(city.reviewer)


def test_a_superuser_without_a_membership_is_an_admin_of_the_center(city):
    root = _superuser()
    assert roles_of(root) == {Role.ADMIN}
    assert staff_roles(root) == roles_of(root)
    assert is_center(root)


def test_a_superuser_keeps_the_roles_of_their_memberships(city):
    root = _superuser()
    Membership.objects.create(user=root, unit=city.center, role=Role.CENTER_OPERATOR)
    assert roles_of(root) == {Role.ADMIN, Role.CENTER_OPERATOR}


def test_an_anonymous_visitor_holds_no_role(db):
    assert roles_of(AnonymousUser()) == frozenset()
    assert not is_center(AnonymousUser())


def test_notify_finds_a_superuser_among_the_admins_and_nowhere_else(city):
    root = _superuser()
    _superuser("retired", is_active=False)
    assert at_center(Role.ADMIN) == [root]
    assert root not in at_center(Role.CENTER_OPERATOR)
    assert at_center(Role.CENTER_OPERATOR) == [city.operator]


def test_the_roles_are_read_once_per_user_object(city, django_assert_num_queries):
    roles_of(city.operator)
    with django_assert_num_queries(0):
        assert roles_of(city.operator) == staff_roles(city.operator) == {Role.CENTER_OPERATOR}
        assert is_center(city.operator)
