from django.db import models


class Role(models.TextChoices):
    CENTER_OPERATOR = "center_operator", "受理员"
    CENTER_REVIEWER = "center_reviewer", "审核员"
    UNIT_HANDLER = "unit_handler", "承办经办人"
    UNIT_PRINCIPAL = "unit_principal", "单位主要负责人"
    UNIT_DEPUTY = "unit_deputy", "单位分管领导"
    SUPERVISOR = "supervisor", "督查人员"
    CITY_LEADER = "city_leader", "市领导"
    ADMIN = "admin", "系统管理员"
    CITIZEN = "citizen", "网民"  # acts through the tracking code, never a member of a unit
    SYSTEM = "system", "系统"    # imports and scheduled steps


# The sets of roles the rules speak of; every module imports them from here.
# The center's people: they act by role alone and see every case.
CENTER_ROLES = frozenset({Role.CENTER_OPERATOR, Role.CENTER_REVIEWER, Role.SUPERVISOR, Role.CITY_LEADER, Role.ADMIN})
# A unit's people: they act on the cases their unit holds.
UNIT_ROLES = frozenset({Role.UNIT_HANDLER, Role.UNIT_PRINCIPAL, Role.UNIT_DEPUTY})
# A unit's leaders: they sign off its answers and see its extension requests.
UNIT_LEADERS = frozenset({Role.UNIT_PRINCIPAL, Role.UNIT_DEPUTY})
# Every staff member, at the center or in a unit (not the writer, not the system).
STAFF_ROLES = CENTER_ROLES | UNIT_ROLES
# What a superuser holds without a membership (units.people.roles_of).
SUPERUSER_ROLES = frozenset({Role.ADMIN})
