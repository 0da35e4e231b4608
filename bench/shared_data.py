"""Where the third-party data lives, for bench/ and tests/: $MINPAN_SHARED_DATA, else
../shared/data beside the repository. It is not shipped with minpan (see its README.md)."""
import os
from pathlib import Path

SHARED_DATA = Path(os.environ.get("MINPAN_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data")
TEDDY = SHARED_DATA / "teddy2020c"
