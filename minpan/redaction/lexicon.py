"""How common a Chinese word is, read from the word list that ships with jieba (a dependency).

The name detectors use it to tell 我是房东 from 我是王芳: a candidate name that is a common
ordinary word (房东, 高新, 马上) is not a name. Loaded once, on first use (about 0.3 s).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    """word → frequency for 2–3 character words; negative for words the list tags as person names."""
    out: dict[str, int] = {}
    try:
        path = resources.files("jieba") / "dict.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # no word list: every word counts as rare
        return out
    for line in lines:
        parts = line.split(" ")
        if len(parts) < 2 or not 2 <= len(parts[0]) <= 3:
            continue
        freq = int(parts[1])
        if freq < 5:
            continue
        tag = parts[2] if len(parts) > 2 else ""
        out[parts[0]] = -freq if tag.startswith("nr") else freq
    return out


def frequency(word: str) -> int:
    """How often `word` occurs in the word list (0 when unknown), whatever its tag."""
    return abs(_words().get(word, 0))


def is_person_name(word: str) -> bool:
    return _words().get(word, 0) < 0
