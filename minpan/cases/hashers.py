"""Hashing of the query passwords handed to writers.

They are random, machine-made secrets (8 characters of a 31-letter alphabet, about
40 bits), never chosen by a person, so they need no 100 MB Argon2 to resist guessing
and the portal rate-limits tries. A small Argon2 keeps a bulk import of thousands of
messages in seconds instead of minutes; the parameters travel inside each hash.
"""
from django.contrib.auth.hashers import Argon2PasswordHasher


class QueryPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 4096  # KiB
    parallelism = 1


HASHER = QueryPasswordHasher()


def hash_query_password(password: str) -> str:
    return HASHER.encode(password, HASHER.salt())


def check_query_password(password: str, encoded: str) -> bool:
    try:
        return HASHER.verify(password, encoded)
    except ValueError:
        return False
