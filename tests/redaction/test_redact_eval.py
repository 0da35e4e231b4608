"""bench/redact_eval.py measures every category on real messages (which need the shared data)."""
import importlib.util
from pathlib import Path

import pytest

from tests.data import require

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("redact_eval", ROOT / "bench" / "redact_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bench_plants_every_category_and_the_aims_hold(capsys):
    require("domain_train.csv", "domain_dev.csv")
    bench = _bench()
    result = bench.main(["--n", "300", "--show", "0", "--seed", "11"])
    out = capsys.readouterr().out
    assert "phones recall" in out and "overall precision" in out
    planted, found, fp, tp = result["planted"], result["found"], result["fp"], result["tp_masks"]
    assert sum(planted[k] for k in bench.KINDS) >= 500
    assert all(planted[k] >= 25 for k in bench.KINDS)
    for group, aim in ((("mobile", "landline", "id", "bank"), 0.99), (("house",), 0.95), (("name",), 0.95)):
        assert sum(found[k] for k in group) >= aim * sum(planted[k] for k in group), group
    masks = sum(tp.values()) + sum(fp.values())
    assert sum(tp.values()) >= 0.97 * masks


def test_without_the_data_the_bench_says_so(monkeypatch, tmp_path):
    bench = _bench()
    monkeypatch.setattr(bench, "DATA", tmp_path)
    with pytest.raises(SystemExit) as exit_:
        bench.main([])
    assert "shared data is absent" in str(exit_.value)
