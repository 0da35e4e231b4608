"""The rows of one case a page has already read, kept on the case object while the page is built,
so that the helpers it calls (hard_cases.status, the forms' set-up) do not read them again."""
from __future__ import annotations

from dataclasses import dataclass

from .states import Action

# The actions whose effects write a Reply (effects.base.new_reply, effects.history); a case whose
# timeline has none of them has no reply, and the case page does not ask
# (tests/desk/test_case_page_queries.py keeps this list in step with the effects).
REPLY_ACTIONS = frozenset({Action.DRAFT, Action.DIRECT_ANSWER, Action.IMPORT_ANSWERED})


@dataclass
class PageRows:
    events: list  # ordered by seq
    assignments: list
    replies: list  # newest version first
    _units: list | None = None

    def units(self) -> list:
        """Every unit, in path order, read once for the page's panels that name units (the review
        panel's lead-unit suggestions, the publication preview's duty phones and the center)."""
        if self._units is None:
            from minpan.units.models import Unit

            self._units = list(Unit.objects.order_by("path"))
        return self._units


def page_rows(case) -> PageRows | None:
    """What desk.casepage put on this case object, or None (then the caller queries)."""
    return getattr(case, "page_rows", None)


def citizen_of(case):
    """The writer's row, or None; no query where the case was read with select_related("citizen")."""
    from .models import Citizen

    try:
        return case.citizen
    except Citizen.DoesNotExist:
        return None


def has_portal_form(case) -> bool:
    """Whether the message came through the portal's write form (portal.models.Submission), the
    only way a writer's files are stored (portal.uploads.store); no query where the case was read
    with select_related("portal_submission")."""
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return case.portal_submission is not None
    except ObjectDoesNotExist:
        return False


def keep_assignments(case, rows: list | None) -> None:
    """Every assignment of the case with its unit and claimer, ordered as the case page lists them
    (active first, lead before co, then by dispatch): access.case_for has read them for a unit's
    staff, and the case page takes them from here. None: read them again (the case was refreshed)."""
    case.assignment_rows = rows


def kept_assignments(case) -> list | None:
    return getattr(case, "assignment_rows", None)
