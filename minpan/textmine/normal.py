"""Normalising message text: the one step every comparison starts from. Pure and light (no
scikit-learn), so code on the request path — the reply check in cases.effects — can use it.

Real messages keep their web padding (`\\n\\t`, `\\u3000` ideographic spaces, `\\xa0`) and mix
full- and half-width forms.
"""
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """NFKC (full-width → half-width, \\u3000 and \\xa0 → space), one space for any run of blanks, lower case."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub(" ", text).strip().lower()


def message_text(title: str | None, body: str | None) -> str:
    """Title and body as one normalised string; the space keeps n-grams from bridging the two."""
    return f"{normalise(title)} {normalise(body)}".strip()
