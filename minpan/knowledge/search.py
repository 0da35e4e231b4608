"""Finding the entries that answer a message. Chinese has no spaces, so an entry's text is cut into
jieba's words once, when saved (`Entry.terms`), and a message the same way when searched. PostgreSQL
ranks with its own full-text search over those words; SQLite with BM25 computed here (a knowledge
base holds hundreds of entries, not millions)."""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection

from minpan.textmine.normal import normalise
from minpan.textmine.words import words

from .models import Entry, in_force

# words every consultation has: they match everything and so find nothing
COMMON = frozenset(
    "咨询 请问 您好 你好 谢谢 感谢 领导 我们 你们 他们 自己 什么 怎么 怎样 如何 为什么 哪些 哪里 是否 可以 能否 能不能 "
    "需要 问题 一下 有关 相关 情况 关于 这个 那个 现在 目前 已经 还是 或者 以及 没有 希望 反映 市民 网友 本人 "
    "一个 这样 如果 因为 所以 但是 然后 时候 知道 告知 答复 回复 政府 部门".split()
)
TITLE_WEIGHT = 3  # a word of the title or of a question counts as much as three of the answer
K1, B = 1.2, 0.75
MAX_WORDS = 120  # a long letter's first words say what it asks; PostgreSQL's query stays small


@dataclass(frozen=True)
class Found:
    entry: Entry
    score: float
    matched: tuple[str, ...]  # the message's words the entry shares, for "why this entry"


def query_words(text: str) -> list[str]:
    """The words of a message worth searching for, each once, in order."""
    seen: dict[str, None] = {}
    for w in words(normalise(text).lower()):
        if len(w) >= 2 and w not in COMMON and not w.isdigit() and any(ch.isalnum() for ch in w):
            seen.setdefault(w, None)
    return list(seen)


def entry_terms(entry: Entry) -> str:
    """The stored words of an entry: title and questions weighted over the answer."""
    head = query_words(f"{entry.title}\n{entry.questions}")
    body = query_words(entry.answer)
    return " ".join(head * TITLE_WEIGHT + body)


def search(text: str, *, day: dt.date, limit: int = 5) -> list[Found]:
    wanted = query_words(text)[:MAX_WORDS]
    if not wanted:
        return []
    entries = Entry.objects.filter(in_force(day)).select_related("owner")
    if connection.vendor == "postgresql":
        return _postgres(entries, wanted, limit)
    return _bm25(list(entries), wanted, limit)


def _postgres(entries, wanted: list[str], limit: int) -> list[Found]:
    # PostgreSQL finds the entries sharing a word with the message ('simple': the words are already
    # cut; no stemming or stop words of another language), one raw tsquery of quoted words joined by
    # OR; BM25 orders them as on SQLite (ts_rank knows no word's rarity: measured 0.69 top-1 against
    # BM25's 0.79). Every entry with a query word is a candidate, so the words' rarity is exact.
    raw = " | ".join("'" + w.replace("\\", "").replace("'", "''") + "'" for w in wanted)
    query = SearchQuery(raw, config="simple", search_type="raw")
    candidates = list(entries.annotate(found=SearchVector("terms", config="simple")).filter(found=query))
    return _bm25(candidates, wanted, limit, total=entries.count())


def _bm25(entries: list[Entry], wanted: list[str], limit: int, total: int | None = None) -> list[Found]:
    docs = [(e, Counter(e.terms.split())) for e in entries]
    if not docs:
        return []
    average = sum(sum(c.values()) for _, c in docs) / len(docs) or 1.0
    df = Counter(w for _, c in docs for w in wanted if w in c)
    n = total or len(docs)
    scored = []
    for entry, counts in docs:
        length = sum(counts.values())
        score = 0.0
        for w in wanted:
            tf = counts.get(w, 0)
            if tf:
                idf = math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5))
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))
        if score > 0:
            scored.append(Found(entry, score, _shared(entry, wanted)))
    scored.sort(key=lambda f: (-f.score, f.entry.pk))
    return scored[:limit]


def _shared(entry: Entry, wanted: list[str]) -> tuple[str, ...]:
    have = set(entry.terms.split())
    return tuple(w for w in wanted if w in have)[:8]
