"""jieba's words of a text: what the knowledge base's search and the features read. No numpy or
scikit-learn here, so a page that only splits words does not load them (process start, issue 17)."""

_jieba = None


def words(text: str) -> list[str]:
    """jieba's words of an already normalised text, blanks dropped. jieba is loaded on first use."""
    global _jieba
    if _jieba is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba = jieba
    return [w for w in _jieba.lcut(text) if not w.isspace()]


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams (module-level so a fitted vectorizer pickles)."""
    ws = words(text)
    return ws + [f"{a} {b}" for a, b in zip(ws, ws[1:])]
