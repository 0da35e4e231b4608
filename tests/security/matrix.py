"""The access matrix, declared: which person may open which page of which case, and what any
other person meets instead. Written out by hand from the rules (DOMAIN.md, cases.transitions'
docstring), not read from the code under test, so a change in the code that widens access shows
up as a failing cell here.
"""
from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.conftest import CASES, HOUSING

# Outcomes a request may meet.
OK = "200"
LOGIN = "login"          # 302 to the desk's sign-in
QUERY = "query"          # 302 to the portal's look-up (the writer's pages without a looked-up case)
FORBIDDEN = "403"
MISSING = "404"
GONE = "redirect"        # 302 elsewhere (elder mode, sign-out)
UNAUTHORIZED = "401"     # the REST API without a live token (the writer and the anonymous have none)
SEEN_OR_MISSING = "seen" # 200, or 404 where the case has no such document in its state
REFUSED = (LOGIN, QUERY, FORBIDDEN, MISSING)

CENTER_PEOPLE = ("operator", "reviewer", "supervisor", "leader", "admin")
# The cases each person finds at the desk. The center sees all; a unit the ones dispatched to it
# or to a unit below it; a person with no post none.
SEES: dict[str, frozenset[str]] = {
    **{role: frozenset(CASES) for role in CENTER_PEOPLE},
    **{role: frozenset({"housing_dispatched", "housing_drafted", "housing_submitted", "housing_published"})
       for role in HOUSING},
    "edu_handler": frozenset({"edu_dispatched"}),
    "district_handler": frozenset({"street_dispatched"}),  # 东城街道 lies under 东城区
    "nobody": frozenset(),
    "anonymous": frozenset(),
    "citizen": frozenset(),
}

# Which desk roles may take each action of the case page (the writer's, the system's and the
# letters' actions have no form there). Admin holds none: a superuser administers, it does not handle.
ACTION_ROLES: dict[str, frozenset[str]] = {
    **{a: frozenset({"operator"}) for a in (
        "accept", "not_accept", "merge", "unmerge", "classify", "direct_answer", "dispatch", "publish",
        "reopen", "archive", "recall", "reassign", "accept_dispute", "reject_dispute")},
    **{a: frozenset({"handler", "edu_handler", "district_handler"}) for a in ("claim", "draft", "submit")},
    **{a: frozenset({*HOUSING, "edu_handler", "district_handler"})
       for a in ("return", "request_extension", "co_input", "explain_delay", "ask_hard_case")},
    **{a: frozenset({"principal", "deputy"}) for a in ("sign_off", "return_draft", "endorse_extension")},
    **{a: frozenset({"reviewer"}) for a in (
        "approve_extension", "refuse_extension", "approve", "send_back", "agree_hard_case", "refuse_hard_case")},
    "callback": frozenset({"operator", "handler", "edu_handler", "district_handler"}),
    "contact_writer": frozenset({"handler", "edu_handler", "district_handler"}),
    # 整理报审 and its send-back (Xizang 第五条(二)): the table's roles; under this matrix's policy
    # (tongliao, no final approver) the core refuses both with its message
    "prepare": frozenset({"reviewer"}),
    "return_prepared": frozenset({"leader"}),
    "instruct": frozenset({"leader", "supervisor"}),
    "note": frozenset({"operator", "reviewer", "supervisor", *HOUSING, "edu_handler", "district_handler"}),
    "center_urge": frozenset({"operator", "supervisor"}),
    "coordinate": frozenset({"operator", "supervisor"}),
    # the oversight steps (Chizhou 第九条(二)(四)(五), Yuncheng 五(三))
    "flag_legal_review": frozenset({"operator", "principal", "deputy"}),
    "legal_review": frozenset({"principal", "deputy"}),
    **{a: frozenset({"operator", "supervisor"}) for a in ("phone_remind", "on_site")},
    "report_to_leader": frozenset({"operator"}),
    # 回头看 (Chizhou 第九条(七)): the center's check of a sampled closed case
    "look_back": frozenset({"operator", "supervisor"}),
}
# Actions that exist but are never taken through the case page: the page answers 404.
NO_FORM = ("collect", "rate", "follow_up", "attach", "confirm_email", "mask", "approve_bulletin", "refuse_bulletin",
           "remind", "urge", "supervise", "transfer", "criticise", "account", "nudge", "alarm", "recalendar", "publish_late", "import_answered",
           "no-such-action")


def signed_in(role: str) -> bool:
    return role not in ("anonymous", "citizen")


# ---- the rules a page follows, by name -------------------------------------------------------

def public(role, obj=None):
    return OK


def staff_page(role, obj=None):
    """Any signed-in account (a person with no post sees empty lists)."""
    return OK if signed_in(role) else LOGIN


def center_page(role, obj=None):
    """Pages that gather every unit's cases: the center, supervisors and city leaders."""
    if not signed_in(role):
        return LOGIN
    return OK if role in CENTER_PEOPLE else FORBIDDEN


def case_page(role, case):
    if not signed_in(role):
        return LOGIN
    return OK if case in SEES[role] else MISSING


def case_document(role, case):
    if not signed_in(role):
        return LOGIN
    return SEEN_OR_MISSING if case in SEES[role] else MISSING


def letter_page(role, letter):
    """An issued letter: whoever sees its case. A draft: the center only."""
    if not signed_in(role):
        return LOGIN
    case, issued = letter
    if not issued:
        return OK if role in CENTER_PEOPLE else MISSING
    return OK if case in SEES[role] else MISSING


# 单位考核: the units scored (the tree's first level, not the center) and whose staff each person is
ASSESSED = ("housing_unit", "education", "district")
UNIT_OF = {**{role: "housing_unit" for role in HOUSING}, "edu_handler": "education", "district_handler": "district"}


def assessment_page(role, obj=None):
    """The ranking: the center and leaders (every unit), an assessed unit's staff (their own row)."""
    if not signed_in(role):
        return LOGIN
    return OK if role in CENTER_PEOPLE or role in UNIT_OF else FORBIDDEN


def assessment_unit(role, unit):
    """One unit's score and events: the center's people any assessed unit, a unit's staff their own."""
    outcome = assessment_page(role)
    if outcome != OK:
        return outcome
    if unit not in ASSESSED:
        return MISSING
    return OK if role in CENTER_PEOPLE or UNIT_OF[role] == unit else MISSING
def bulletin_page(role, issued: bool):
    """A bulletin (通报): the center reads every one; a unit only the issued ones naming it (市住建局's)."""
    if not signed_in(role):
        return LOGIN
    if role in CENTER_PEOPLE:
        return OK
    return OK if issued and role in HOUSING else MISSING


def writers_page(role, obj=None):
    return OK if role == "citizen" else QUERY


def goes_elsewhere(role, obj=None):
    return GONE


def admin_page(role, obj=None):
    return OK if role == "admin" else "admin_login"


def with_post(role, obj=None):
    """Pages for whoever holds a post at the center or in a unit (知识库); a person with none is refused."""
    if not signed_in(role):
        return LOGIN
    return FORBIDDEN if role == "nobody" else OK


KNOWLEDGE_WRITERS = frozenset({"operator", "reviewer", "admin", *HOUSING, "edu_handler", "district_handler"})


def knowledge_writers(role, obj=None):
    if not signed_in(role):
        return LOGIN
    return OK if role in KNOWLEDGE_WRITERS else FORBIDDEN


# The REST API (minpan.api), called with the person's own token: the desk's rules, 401 for no token.
def api_staff(role, obj=None):
    return OK if signed_in(role) else UNAUTHORIZED


def api_case(role, case):
    if not signed_in(role):
        return UNAUTHORIZED
    return OK if case in SEES[role] else MISSING


def api_unknown(role, obj=None):
    return MISSING


# Every URL pattern and the rule it follows; POST-only patterns are the second table's.
GET_RULES = {
    "desk:home": staff_page, "desk:login": public, "desk:queue": staff_page, "desk:export": staff_page,
    "desk:case": case_page, "desk:document": case_document, "desk:document_docx": case_document,
    "desk:download": case_page, "desk:writer_file": case_page, "desk:hot": center_page, "desk:hot_docx": center_page,
    "desk:channels": center_page, "desk:channel_file": center_page,
    "desk:look_back": center_page,
    "desk:knowledge": with_post, "desk:knowledge_entry": with_post, "desk:knowledge_new": knowledge_writers,
    "desk:stats": center_page, "desk:stats_cases": center_page, "desk:stats_monthly": center_page, "desk:stats_special": center_page,
    "desk:assessment": assessment_page, "desk:assessment_unit": assessment_unit, "desk:assessment_export": center_page,
    "desk:bulletins": staff_page, "desk:bulletin": bulletin_page, "desk:bulletin_print": bulletin_page,
    "desk:bulletin_docx": bulletin_page,
    # 派单目录: read by the center's people; its edits and imports are POSTs
    "desk:catalogue": center_page, "desk:catalogue_export": center_page, "desk:matter": center_page,
    "notify:inbox": staff_page, "notify:settings": staff_page, "notify:leader": center_page, "notify:letter": letter_page,
    "portal:home": public, "portal:write": public, "portal:query": public, "portal:status": writers_page,
    "portal:answers": public, "portal:answer": public, "portal:refusals": public, "portal:statistics": public,
    "portal:report_error": public, "portal:elder": goes_elsewhere,
    # a receipt opens only in the browser holding its cookie; a confirmation link only with its token
    "portal:receipt": lambda role, obj=None: MISSING, "portal:confirm_email": lambda role, obj=None: "400",
    "admin:*": admin_page,
    # the second factor: set-up for anyone signed in; the code is asked only of one with a device
    "desk:otp_setup": staff_page, "desk:otp_verify": lambda role, obj=None: GONE if signed_in(role) else LOGIN,
    # 忘记查询密码 (open to all; the code step is a POST) and the writer's own data (with code and password)
    "portal:forgot": public, "portal:my_data": writers_page, "portal:my_data_json": writers_page,
    # the REST API, with a token (tests/security/test_access_matrix.py: test_api_get); its schema and docs are public
    "api:cases": api_staff, "api:case": api_case, "api:schema": public, "api:docs": public, "api:unknown": api_unknown,
    # Open311 GeoReport v2: reading is public; a request shows only if it was filed through Open311
    "open311:services": public, "open311:service": public, "open311:requests": public,
    "open311:request": lambda role, obj=None: MISSING, "open311:token": lambda role, obj=None: MISSING,
    # the health check: the same answer for everyone; 503 here, since no worker beats in the test world
    "ops:healthz": lambda role, obj=None: "503",
}
POST_ONLY = {
    "desk:logout", "desk:bulk_dispatch", "desk:act", "desk:publication", "desk:upload", "desk:look_back_draw", "desk:knowledge_approve",
    "desk:bulletin_draft", "desk:bulletin_step",
    "desk:matter_new", "desk:matter_edit", "desk:catalogue_import",
    "notify:mark_read", "notify:approve_letter", "notify:refuse_letter", "portal:rate", "portal:follow_up",
    "portal:forgot_code", "portal:my_data_contact", "portal:my_data_correction", "portal:my_data_erase",
    "api:action", "api:intake",
}


def url_patterns() -> list[tuple[str, str]]:
    """(route, name) of every URL pattern, walking the resolver; admin's as `admin:*`."""
    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or namespace
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), f"{namespace}:{'*' if namespace == 'admin' else p.name}"
    return list(walk(get_resolver().url_patterns, "", ""))
