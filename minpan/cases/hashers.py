"""Hashing of the query passwords handed to writers.

They are random, machine-made secrets (8 characters of a 31-letter alphabet, about 40 bits),
never chosen by a person. A keyed hash (HMAC-SHA256 under MINPAN_QUERY_KEY, which lives in the
environment, not the database) makes a stolen database alone useless for guessing them offline;
online, the portal's rate limits stop guessing long before 40 bits. A slow hash would add
nothing to that and cost 6–8 ms of every submission (issue 17).

Hashes written before (Argon2, "argon2$…") still verify; the caller rewrites one as HMAC at its
next successful look-up (`needs_rewrite`), so they fade out without a migration that would need
the passwords.
"""
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

PREFIX = "hmac-sha256$"


class QueryPasswordHasher(Argon2PasswordHasher):
    """The former hasher, kept only to verify hashes written before HMAC."""

    time_cost = 2
    memory_cost = 4096  # KiB
    parallelism = 1


LEGACY = QueryPasswordHasher()


def hash_query_password(password: str) -> str:
    digest = hmac.new(settings.MINPAN_QUERY_KEY.encode(), password.encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest


def check_query_password(password: str, encoded: str) -> bool:
    if encoded.startswith(PREFIX):
        return hmac.compare_digest(hash_query_password(password), encoded)
    try:
        return LEGACY.verify(password, encoded)
    except ValueError:  # not a hash of ours at all
        return False


def needs_rewrite(encoded: str) -> bool:
    """Whether a hash that just verified is of the former kind, to be written again as HMAC."""
    return not encoded.startswith(PREFIX)


def legacy_hash(password: str) -> str:
    """An Argon2 hash as written before HMAC (for the tests of the way from it)."""
    return LEGACY.encode(password, LEGACY.salt())
