"""A small arithmetic check, made here (no outside service), shown only when a rate limit is near.

The question is plain text ("三加五等于几？"), so a screen reader reads it aloud and a
person who cannot see an image answers it the same way: the check has no visual-only form.
The token carries a nonce and a keyed hash of the answer, signed and timed; a nonce
is answered once, rightly or not.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing

from . import limits

DIGITS = "零一二三四五六七八九十"
MAX_AGE = 30 * 60
SALT = "minpan.portal.challenge"


def _digest(nonce: str, answer: int) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{nonce}:{answer}".encode(), hashlib.sha256).hexdigest()[:32]


def make() -> tuple[str, str]:
    """A question in words and the token the form carries with it."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2) and a != b:
        a, b = max(a, b), min(a, b)
        question, answer = f"{DIGITS[a]}减{DIGITS[b]}等于几？", a - b
    else:
        question, answer = f"{DIGITS[a]}加{DIGITS[b]}等于几？", a + b
    nonce = secrets.token_hex(8)
    return question, signing.dumps({"n": nonce, "d": _digest(nonce, answer)}, salt=SALT)


def check(token: str, answer: str) -> bool:
    """True for a right answer to a live token. Any answer, right or wrong, uses the token up
    (a wrong one gets a new question): the first request to bring it takes its one hit, and
    every other, at the same moment or later, finds it taken."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    if not isinstance(data, dict) or not isinstance(data.get("n"), str):
        return False
    if limits.take([(limits.CHALLENGE_USED, data["n"])]) is None:
        return False
    try:
        given = int(str(answer).strip().translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(str(data.get("d")), _digest(data["n"], given))
