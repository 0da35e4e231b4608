"""Letters the ladder issues to another organ say who issues them."""
from minpan.notify.models import Letter
from tests.flow import at, dispatched
from tests.notify.helpers import sweep_through


def test_the_transfer_letter_names_its_issuing_organ(city):
    case = dispatched(city, "tongliao", now=at("2026-09-28 10:00"))
    sweep_through("2026-09-28", "2026-10-30")
    letter = Letter.objects.get(case=case, kind="transfer")
    assert letter.body.startswith("纪检监察机关：") and letter.body.rstrip().endswith("市民盼中心")
