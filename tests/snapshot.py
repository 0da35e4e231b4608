"""Every row of every table and every uploaded file, in a form two processes can compare: the
backup round trip (tests/test_backup_and_restore.py) and the kill tests use it."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (bytes, memoryview)):
            return bytes(o).hex()
        return super().default(o)


def rows() -> dict[str, list]:
    out = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        out[model._meta.db_table] = json.loads(json.dumps(
            list(model._default_manager.order_by("pk").values_list()), cls=_Encoder, sort_keys=True))
    return out


def files(root: Path | None = None) -> dict[str, str]:
    root = Path(root or settings.MINPAN_FILES_DIR)
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()} if root.is_dir() else {}


if __name__ == "__main__":  # in another process: python -m tests.snapshot (Django set up by the caller's env)
    import django

    django.setup()
    print(json.dumps({"rows": rows(), "files": files()}, sort_keys=True))
