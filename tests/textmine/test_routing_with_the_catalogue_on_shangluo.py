"""The figures of docs/routing.md: routing with a dispatch catalogue against without it on the
商洛市市长信箱 letters, time-ordered (bench/routing_catalogue.py). Needs ../shared/data."""
import pytest

from bench.routing_catalogue import LETTERS, build_catalogue, evaluate, read_letters

pytestmark = pytest.mark.skipif(not LETTERS.exists(), reason=f"{LETTERS} is absent (third-party data, not shipped)")


def test_the_catalogue_is_built_from_the_earlier_letters_only():
    rows = read_letters()
    n = int(len(rows) * 0.8)
    train = rows[:n]
    later_only = {r["unit"] for r in rows[n:]} - {r["unit"] for r in train}
    assert not later_only & set(build_catalogue(train))  # no unit known only from the test letters


def test_the_measured_figures_stand():
    r = evaluate()
    assert (r["train"], r["test"]) == (712, 178)
    assert round(r["top1"]["learnt"], 3) == 0.657 and round(r["top3"]["learnt"], 3) == 0.848
    assert round(r["top1"]["catalogue"], 3) == 0.522 and round(r["top3"]["catalogue"], 3) == 0.820
