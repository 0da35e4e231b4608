"""The writer's phone and ID numbers, encrypted at rest, and a keyed hash to find them by.

A copy of the database (a backup, a dump handed to a contractor, a stolen disk) must not give
away who wrote: the columns hold Fernet tokens (AES-128-CBC with HMAC-SHA256, authenticated,
a fresh IV each time), made with a key that lives only in the environment (MINPAN_DATA_KEYS,
newest first; settings.py refuses production without one). Rotation: add the new key in front,
run `minpan privacy rekey`, then drop the old one; until then every listed key decrypts.

A token differs every time, so the database cannot compare them; where a row is looked up by
phone, it is by `phone_hash`, an HMAC-SHA256 of the number's digits with a key derived from the
data key (never the number itself, never a plain hash: 11-digit phone numbers are few enough to
hash them all). A value that no listed key opens is an error, loudly: never shown as empty.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


class DataKeyError(RuntimeError):
    """Stored personal data that none of the configured keys opens."""


def _derive(secret: str, purpose: bytes) -> bytes:
    # each use gets its own key from the operator's secret, so the lookup hash key is not the cipher key
    return hmac.new(secret.encode(), b"minpan " + purpose, hashlib.sha256).digest()


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(base64.urlsafe_b64encode(_derive(k, b"field encryption"))) for k in keys])


def _keys() -> tuple[str, ...]:
    return tuple(settings.MINPAN_DATA_KEYS)


def encrypt(value: str) -> str:
    return _fernet(_keys()).encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken:
        raise DataKeyError(
            "无法解密留言人的电话或证件号：MINPAN_DATA_KEYS 中没有加密时所用的密钥（密钥错误或轮换时删早了旧密钥）。"
        ) from None


def rotate(token: str) -> str:
    """The token re-encrypted with the newest key (for `minpan privacy rekey`)."""
    return _fernet(_keys()).rotate(token.encode()).decode() if token else ""


def digits(phone: str) -> str:
    """A phone number as its ASCII digits (full-width digits too), so 138 0013 8000 finds 13800138000."""
    return "".join(c for c in unicodedata.normalize("NFKC", phone or "") if c.isascii() and c.isdigit())


def phone_hashes(phone: str) -> list[str]:
    """The lookup hashes of a number under every listed key (the newest first): a row hashed before
    a rotation is still found until `privacy rekey` has rewritten it."""
    d = digits(phone)
    if not d:
        return []
    return [hmac.new(_derive(k, b"phone lookup"), d.encode(), hashlib.sha256).hexdigest() for k in _keys()]


def phone_hash(phone: str) -> str:
    found = phone_hashes(phone)
    return found[0] if found else ""


class EncryptedText(models.TextField):
    """A text column stored as a Fernet token; the model sees the clear text. Only "" is stored
    as itself, so `exclude(phone="")` still asks whether there is a number."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value


class PhoneHash(models.CharField):
    """The keyed hash of another field's phone number, written on every save from that field."""

    def __init__(self, *args, source: str = "phone", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, default in (("max_length", 64), ("blank", True), ("editable", False)):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = phone_hash(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value
