"""The writer's identity as the masking engine needs it, and the text a unit reads when the
identity is withheld from it (Xizang 第六条; 信访工作条例: a complainant is not exposed to the
unit complained about)."""
from __future__ import annotations

from minpan.redaction import redact

from .models import Case, Citizen


def writer_terms(citizen: Citizen | None) -> tuple[list[str], list[str]]:
    """The writer's name, and the registered details masked wherever they appear in any spelling."""
    if citizen is None:
        return [], []
    names = [citizen.name] if citizen.name else []
    return names, [v for v in (citizen.phone, citizen.email, citizen.id_number, citizen.address, citizen.employer) if v]


def mask_for_units(case: Case, citizen: Citizen | None = None) -> None:
    """Fill (or clear) the masked subject and body a unit reads. Called where the case is
    classified, inside its transaction; the caller saves the case."""
    if not case.identity_withheld:
        case.masked_subject, case.masked_body = "", ""
        return
    if citizen is None:
        citizen = Citizen.objects.filter(case=case).first()
    names, extra = writer_terms(citizen)
    case.masked_subject = redact(case.subject, names, extra)[:200]
    case.masked_body = redact(case.body, names, extra)
