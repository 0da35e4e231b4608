"""The headers every uploaded file is served with, whoever uploaded it.

A file is the uploader's bytes in our origin: an HTML or SVG page disguised as a picture would
run its script as the staff member who opened it. So: a CSP that sandboxes the response (no
script, no same-origin, no form) and loads nothing (default-src 'none'; an image or PDF shown
inline needs nothing else), nosniff (the browser takes our content type, never its guess), and
attachment (saved, not opened) unless the caller shows an image inline; kept out of caches.
"""
from __future__ import annotations

from typing import TypeVar
from urllib.parse import quote

from django.http import HttpResponseBase

R = TypeVar("R", bound=HttpResponseBase)
SANDBOX = "sandbox; default-src 'none'"


def harden(resp: R, *, name: str, inline: bool = False) -> R:
    disposition = "inline" if inline else "attachment"
    # the ASCII fallback name says nothing of the file; the real name only in filename*
    resp["Content-Disposition"] = f"{disposition}; filename=\"attachment\"; filename*=UTF-8''{quote(name)}"
    resp["Content-Security-Policy"] = SANDBOX
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Cache-Control"] = "private, no-store"
    return resp
