"""Which catalogue matter a message is about: its keywords and aliases found in the text. Pure.

Simple and explainable on purpose: the operator sees the matter and the very words that matched.
A keyword of three characters or more counts where it appears in the text; a shorter one only where
jieba cuts it out as a word of its own (停电 in 家里停电了, but not 水费 in 污水费用, nor 电 in 电梯). jieba
is told the catalogue's keywords (its own tokenizer, not the one textmine's models read), so that it
cuts 小区|路灯|不亮 rather than 小区|路|灯不亮.
A matter's score is the total length of its keywords found, so a longer, more specific phrase
outweighs a common word; the title counts twice, being what the writer says the message is about.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPLIT = re.compile(r"[\s,，、;；/|]+")
_tokenizer = None
_known: set[str] = set()


def split_keywords(text: str) -> list[str]:
    """'路灯 路灯不亮、照明' → ['路灯', '路灯不亮', '照明'] (normalised, each once, in order)."""
    out: list[str] = []
    for word in _SPLIT.split(normalise(text or "")):
        if word and word not in out:
            out.append(word)
    return out


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def words(text: str, keywords=()) -> set[str]:
    """jieba's words of the text, with `keywords` known to it as words."""
    global _tokenizer
    if _tokenizer is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        _tokenizer = jieba.Tokenizer()
    for kw in keywords:
        if kw not in _known:
            _tokenizer.add_word(kw, freq=10_000)
            _known.add(kw)
    return {w for w in _tokenizer.lcut(text) if not w.isspace()}


@dataclass(frozen=True)
class Entry:
    key: object  # what the caller knows the matter by (a MatterVersion, an id)
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    key: object
    score: int
    keywords: tuple[str, ...]  # the keywords found, longest first


def found(keyword: str, text: str, tokens: set[str]) -> bool:
    return keyword in tokens if len(keyword) < 3 else keyword in text


def match(title: str, body: str, entries: list[Entry], k: int = 3) -> list[Hit]:
    """The matters whose keywords the message uses, best first (at most k)."""
    title, body = normalise(title), normalise(body)
    short = {kw for e in entries for kw in e.keywords if len(kw) < 3}
    t_words, b_words = words(title, short), words(body, short)
    hits = []
    for entry in entries:
        score, seen = 0, []
        for kw in entry.keywords:
            in_title, in_body = found(kw, title, t_words), found(kw, body, b_words)
            if in_title or in_body:
                score += len(kw) * (2 if in_title else 1)
                seen.append(kw)
        if score:
            hits.append(Hit(entry.key, score, tuple(sorted(seen, key=lambda w: (-len(w), w)))))
    hits.sort(key=lambda h: (-h.score, -len(h.keywords)))
    return hits[:k]
