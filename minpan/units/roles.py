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


CENTER_ROLES = frozenset({Role.CENTER_OPERATOR, Role.CENTER_REVIEWER, Role.SUPERVISOR, Role.CITY_LEADER, Role.ADMIN})
UNIT_ROLES = frozenset({Role.UNIT_HANDLER, Role.UNIT_PRINCIPAL, Role.UNIT_DEPUTY})
LEADER_ROLES = frozenset({Role.UNIT_PRINCIPAL, Role.UNIT_DEPUTY})
