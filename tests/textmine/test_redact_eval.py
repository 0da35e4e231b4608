"""bench/redact_eval.py runs on the real messages and keeps its headline figures (skipped without the shared data)."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "teddy2020c" / "domain_dev.csv"

pytestmark = pytest.mark.skipif(not DATA.is_file(), reason="shared data absent")


def _bench():
    spec = importlib.util.spec_from_file_location("redact_eval", ROOT / "bench" / "redact_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bench_measures_every_type_and_the_number_detectors_hold(capsys):
    result = _bench().main(["--n", "120", "--show", "0"])
    out = capsys.readouterr().out
    assert "numbers (phone/ID/card) recall" in out
    inserted, found = result["inserted"], result["found"]
    assert sum(inserted[k] for k in ("name", "mobile", "landline", "id", "bank", "email", "plate", "house")) >= 200
    for kind in ("mobile", "landline", "id", "email", "plate"):
        assert inserted[kind] and found[kind] == inserted[kind], kind
    assert result["masked_neg"]["card_bad"] == 0
    assert result["masked_neg"]["id_bad"] <= inserted["id_bad"] // 5
