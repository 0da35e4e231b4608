"""Near-duplicate messages by character shingles. Pure: no Django, no database.

Two texts are near-duplicates when at least `threshold` of the smaller one's 8-character
shingles also occur in the other (containment, so a message quoted inside a longer one, or
re-posted with a different greeting, still matches) and they share at least MIN_SHARED
shingles, or when nearly all (NEAR_TOTAL) of the smaller one's shingles occur in the other. Used to group the training data before
cross-validation, to measure how much an evaluation set overlaps its training set, and to find
a new message's earlier copies.
"""
from collections import Counter, defaultdict

from .normal import message_text, normalise

SHINGLE = 8
THRESHOLD = 0.5
# A shingle shared by more texts than this is boilerplate (尊敬的领导您好…), not evidence.
COMMON = 200
# Below this many shared shingles a match must be near-total: two short titles built on the
# same pattern (k市某小区物业费收费标准有没有备案?) share half their shingles and are different messages.
MIN_SHARED = 10
NEAR_TOTAL = 0.9


def shingles(text: str, k: int = SHINGLE) -> frozenset[str]:
    """k-character shingles of the normalised text with blanks removed; a short text is its own shingle."""
    s = normalise(text).replace(" ", "")
    if not s:
        return frozenset()
    if len(s) <= k:
        return frozenset([s])
    return frozenset(s[i:i + k] for i in range(len(s) - k + 1))


class ShingleIndex:
    """An inverted index from shingle to the texts that contain it."""

    def __init__(self, texts=(), k: int = SHINGLE):
        self.k = k
        self.sets: list[frozenset[str]] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        for text in texts:
            self.add(text)

    def add(self, text: str) -> int:
        i = len(self.sets)
        s = shingles(text, self.k)
        self.sets.append(s)
        for g in s:
            self.postings[g].append(i)
        return i

    def matches(self, text: str | frozenset, threshold: float = THRESHOLD, exclude: int | None = None):
        """[(index, containment)] of indexed texts that near-duplicate `text`, best first."""
        s = text if isinstance(text, frozenset) else shingles(text, self.k)
        if not s:
            return []
        shared: Counter[int] = Counter()
        for g in s:
            posting = self.postings.get(g, ())
            if len(posting) > COMMON:
                continue
            shared.update(posting)
        out = []
        for j, n in shared.items():
            if j == exclude or not self.sets[j]:
                continue
            score = n / min(len(s), len(self.sets[j]))
            if score >= NEAR_TOTAL or (score >= threshold and n >= MIN_SHARED):
                out.append((j, score))
        out.sort(key=lambda x: -x[1])
        return out


def groups(texts, threshold: float = THRESHOLD) -> list[int]:
    """A group number per text; near-duplicates (transitively) share one. For grouped k-fold."""
    index = ShingleIndex(texts)
    parent = list(range(len(index.sets)))

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, s in enumerate(index.sets):
        for j, _ in index.matches(s, threshold, exclude=i):
            a, b = root(i), root(j)
            if a != b:
                parent[a] = b
    return [root(i) for i in range(len(parent))]


def overlap(train_texts, test_texts, threshold: float = THRESHOLD) -> list[bool]:
    """For each test text: does a training text near-duplicate it?"""
    index = ShingleIndex(train_texts)
    return [bool(index.matches(t, threshold)) for t in test_texts]


class DuplicateFinder:
    """Earlier messages a new one repeats: add(key, title, body) for each, then find(title, body).

    In memory; building it over a year of a city's messages (tens of thousands) takes seconds.
    """

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self.index = ShingleIndex()
        self.keys: list = []

    def add(self, key, title: str, body: str) -> None:
        self.index.add(message_text(title, body))
        self.keys.append(key)

    def find(self, title: str, body: str, k: int = 5) -> list[tuple[object, float]]:
        """[(key, containment)] best first: the share of the shorter text's shingles found in the other."""
        hits = self.index.matches(message_text(title, body), self.threshold)[:k]
        return [(self.keys[i], round(score, 3)) for i, score in hits]
