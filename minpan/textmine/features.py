"""Text normalisation and the features the domain classifier reads. Pure: no Django, no database.

A message is a pair (title, body). Real messages keep their web padding (`\\n\\t`,
`\\u3000` ideographic spaces, `\\xa0`) and mix full- and half-width forms, so every
comparison and every feature starts from `normalise`.
"""
import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from .normal import message_text, normalise  # noqa: F401  (imported from here by the rest of textmine)

# fitted vectorizers pickled before words.py existed name word_ngrams here
from .words import word_ngrams, words  # noqa: F401


class MessageFeatures(BaseEstimator, TransformerMixin):
    """(title, body) pairs → one sparse matrix of TF-IDF blocks, each L2-normalised and weighted.

    - char: character 1–4-grams of title and body together (the backbone);
    - word: jieba word uni/bigrams of title and body together (weight 0 turns it off);
    - title: character 1–3-grams of the title alone, so a title counts apart from the body.
    All use sublinear tf. Weights scale a block's share of the dot product a linear model sees.
    """

    def __init__(self, char_ngrams=(1, 4), char_min_df=2, word_weight=0.0, title_weight=0.0):
        self.char_ngrams = char_ngrams
        self.char_min_df = char_min_df
        self.word_weight = word_weight
        self.title_weight = title_weight

    def _blocks(self):
        blocks = [("char", 1.0)]
        if self.word_weight:
            blocks.append(("word", self.word_weight))
        if self.title_weight:
            blocks.append(("title", self.title_weight))
        return blocks

    def _vectorizer(self, name):
        if name == "char":
            return TfidfVectorizer(analyzer="char", ngram_range=tuple(self.char_ngrams), min_df=self.char_min_df,
                                   sublinear_tf=True, dtype=np.float32)
        if name == "word":
            return TfidfVectorizer(analyzer=word_ngrams, min_df=2, sublinear_tf=True, dtype=np.float32)
        return TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, dtype=np.float32)

    @staticmethod
    def _column(name, pairs):
        if name == "title":
            return [normalise(t) for t, _ in pairs]
        return [message_text(t, b) for t, b in pairs]

    def fit(self, pairs, y=None):
        self.fit_transform(pairs)
        return self

    def fit_transform(self, pairs, y=None):
        pairs = list(pairs)
        self.vectorizers_ = {}
        mats = []
        for name, weight in self._blocks():
            vec = self._vectorizer(name)
            mats.append(vec.fit_transform(self._column(name, pairs)) * weight)
            self.vectorizers_[name] = vec
        return mats[0] if len(mats) == 1 else sp.hstack(mats, format="csr")

    def transform(self, pairs):
        pairs = list(pairs)
        mats = [self.vectorizers_[name].transform(self._column(name, pairs)) * weight for name, weight in self._blocks()]
        return mats[0] if len(mats) == 1 else sp.hstack(mats, format="csr")
