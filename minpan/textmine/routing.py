"""Suggest the lead unit (牵头单位) for a message from the units that answered earlier ones. Pure.

A linear SVM over character 1–3-grams learns which unit answered which kind of message;
a unit whose name carries a place (洛南县人民政府, 镇安县交通运输局) gains a fixed bonus when
the message names that place, because a message about 洛南县 usually goes to 洛南县 whatever
its topic, and history alone has too few messages per township to learn that.
See docs/text.md for the measurement on the 商洛市市长信箱 letters.
"""
from __future__ import annotations

import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from .normal import message_text

# The place a unit's name starts with: 洛南县, 商州区, 永丰镇, 城关街道 (shortest match).
_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,4}?(?:县|区|镇|乡|街道))")
_PREFIX = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{1,4}?市")


def unit_place(name: str) -> str | None:
    """洛南县人民政府 → 洛南县; 商洛市公安局 → None (the city itself is no clue)."""
    m = _PLACE.match(_PREFIX.sub("", name))
    return m.group(1) if m else None


class UnitRouter:
    """fit(titles, bodies, units) on history, then suggest(title, body) → [(unit, score)]."""

    def __init__(self, C: float = 1.0, place_bonus: float = 0.5):
        self.C = C
        self.place_bonus = place_bonus

    def fit(self, titles, bodies, units, names=None):
        """units: any keys (names, ids); names: key → unit name, for the place bonus (default str(key))."""
        texts = [message_text(t, b) for t, b in zip(titles, bodies)]
        self.vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, dtype=np.float32)
        X = self.vectorizer.fit_transform(texts)
        y = np.asarray(list(units))
        self.classes_ = np.array(sorted(set(units), key=str), dtype=object)
        if len(self.classes_) == 1:
            self.svm = None
        else:
            self.svm = LinearSVC(C=self.C).fit(X, y)
            self.classes_ = self.svm.classes_
        names = names or {}
        self.places_ = [unit_place(str(names.get(u, u))) for u in self.classes_]
        return self

    def scores(self, titles, bodies) -> np.ndarray:
        texts = [message_text(t, b) for t, b in zip(titles, bodies)]
        if self.svm is None:
            s = np.zeros((len(texts), 1))
        else:
            s = self.svm.decision_function(self.vectorizer.transform(texts))
            if s.ndim == 1:
                s = np.column_stack([-s, s]) / 2
        bonus = np.array([[bool(p) and p in text for p in self.places_] for text in texts], dtype=float)
        return s + self.place_bonus * bonus

    def suggest(self, title: str, body: str, k: int = 3) -> list[tuple[object, float]]:
        s = self.scores([title], [body])[0]
        order = np.argsort(-s)[:k]
        return [(self.classes_[i], round(float(s[i]), 4)) for i in order]


def top_k_accuracy(router: UnitRouter, titles, bodies, units, ks=(1, 3)) -> dict[int, float]:
    s = router.scores(titles, bodies)
    ranked = np.argsort(-s, axis=1)
    out = {}
    for k in ks:
        hits = [u in set(router.classes_[ranked[i, :k]]) for i, u in enumerate(units)]
        out[k] = float(np.mean(hits)) if hits else 0.0
    return out
