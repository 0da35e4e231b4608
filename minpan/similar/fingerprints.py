"""Winnowed fingerprints of a message's shingles. Pure: no Django, no database.

The shingles are those of textmine.duplicates (8 characters of the normalised text, blanks
removed). Of every WINDOW consecutive shingle hashes the smallest is kept (winnowing), so any
stretch of at least WINDOW + 7 characters two messages share gives both the same fingerprint,
wherever it stands: a message quoted inside a longer one, or re-posted with a new greeting,
keeps its fingerprints. About 2 / (WINDOW + 1) of the shingles are kept.
"""
from __future__ import annotations

import zlib

from minpan.textmine.duplicates import SHINGLE
from minpan.textmine.normal import message_text, normalise

WINDOW = 20


def shingle_hash(shingle: str) -> int:
    """A signed 64-bit hash (fits a bigint column), the same in every process and version.

    CRC-32 and Adler-32 side by side: four times faster than a cryptographic hash, and the index
    needs spread, not secrecy (a collision only adds a candidate that the exact check drops).
    """
    b = shingle.encode()
    return ((zlib.crc32(b) << 32) | zlib.adler32(b)) - (1 << 63)


def shingle_list(text: str, k: int = SHINGLE) -> list[str]:
    """The shingles in text order (duplicates.shingles gives them as a set)."""
    s = normalise(text).replace(" ", "")
    if not s:
        return []
    if len(s) <= k:
        return [s]
    return [s[i:i + k] for i in range(len(s) - k + 1)]


def winnow(hashes: list[int], window: int = WINDOW) -> list[int]:
    """Positions of the kept hashes: the rightmost minimum of each window, each position once."""
    n = len(hashes)
    if n == 0:
        return []
    if n <= window:
        low = min(hashes)
        return [max(i for i in range(n) if hashes[i] == low)]
    kept, best = [], -1
    for end in range(window - 1, n):
        start = end - window + 1
        if best < start:
            # the minimum left the window: find the new one (rare, so linear time overall)
            best = start
            for i in range(start + 1, end + 1):
                if hashes[i] <= hashes[best]:
                    best = i
            kept.append(best)
        elif hashes[end] <= hashes[best]:
            best = end
            kept.append(best)
    return kept


def fingerprints(title: str, body: str) -> dict[int, str]:
    """{fingerprint: shingle} kept for a message (distinct fingerprints)."""
    shingles = shingle_list(message_text(title, body))
    hashes = [shingle_hash(g) for g in shingles]
    return {hashes[i]: shingles[i] for i in winnow(hashes)}
