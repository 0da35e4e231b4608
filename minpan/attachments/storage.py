"""How an uploaded file is named and kept: under MINPAN_FILES_DIR (outside the web root), on a
name we make, with the kind its content showed; the uploader's file name lives only in a column."""
from __future__ import annotations

import logging
import uuid
from pathlib import Path

from .content import Kind

log = logging.getLogger(__name__)


def clean_name(name: str | None) -> str:
    """The uploader's file name as shown to people: no folders, no control characters, 200 at most."""
    name = Path(str(name or "附件")).name
    return "".join(c for c in name if c.isprintable())[:200] or "附件"


def disk_name(kind: Kind) -> str:
    """A file's name on disk: random, with the extension of what it is."""
    return f"{uuid.uuid4().hex}.{kind.extension}"


def discard(paths: list[Path]) -> None:
    """Remove files whose rows were rolled back."""
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            log.exception("未能删除回滚后留下的附件文件")
