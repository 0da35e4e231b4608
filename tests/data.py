"""The third-party data some tests measure against (../shared/data, or $MINPAN_SHARED_DATA:
the one definition is bench/shared_data.py)."""
import os
from pathlib import Path

import pytest

from bench.shared_data import SHARED_DATA, TEDDY

__all__ = ["SHARED_DATA", "TEDDY", "require"]


def require(*names: str, folder: Path = TEDDY) -> Path:
    """`folder`, once each named file is in it. Without them the test is skipped with the reason,
    except under CI (CI set), where it fails: a green CI run has run every data test."""
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        reason = (f"{', '.join(missing)} not in {folder}: third-party data, not shipped with minpan "
                  "(put it under ../shared/data, or point MINPAN_SHARED_DATA at another copy of that folder)")
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared data: {reason}", pytrace=False)
        pytest.skip(reason)
    return folder
