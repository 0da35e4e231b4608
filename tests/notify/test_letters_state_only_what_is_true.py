"""A letter states only what is true of the case under its policy: Naiman has no 催办 before its
通报批评 (第十八条), so its draft does not say "经两次催办"; Yuncheng's criticism comes after two
prompts and only when no reason was reported (五(四)), and says so."""
from minpan.notify.models import Letter
from tests.flow import at, dispatched
from tests.notify.helpers import sweep_through


def test_naimans_criticism_does_not_claim_urges_it_never_had(city):
    case = dispatched(city, "naiman", now=at("2026-09-28 10:00"))
    sweep_through("2026-09-28", "2026-10-20")
    letter = Letter.objects.get(case=case, kind="criticise")
    assert "催办" not in letter.body and "未说明理由" not in letter.body
    assert "逾期仍未办结，予以通报批评" in letter.body


def test_yunchengs_criticism_counts_the_prompts_the_case_had(city):
    case = dispatched(city, "yuncheng", now=at("2026-09-28 10:00"))
    sweep_through("2026-09-28", "2026-10-13")
    letter = Letter.objects.get(case=case, kind="criticise")
    case.refresh_from_db()
    assert case.prompts == 2  # the 提醒 before the deadline and the 催办 after it
    assert "经两次提醒、催办仍未办结且未说明理由" in letter.body
