"""Domain (领域) classification of a message: train, evaluate, store, suggest. No Django models.

The model is character 1–4-gram TF-IDF (see features.MessageFeatures) and a linear SVM,
trained on this machine's CPU; nothing is downloaded. Confidences are a softmax over the
SVM's scores with one temperature fitted on out-of-fold scores (folds grouped by
near-duplicates, so a re-posted message never sits on both sides), which makes "0.9" mean
roughly nine in ten on messages like the training data.

Artefacts live in MODELS_DIR/domain/<version>/{model.joblib, meta.json}; MODELS_DIR/domain/CURRENT
names the version in use and is replaced atomically, so a running server picks a new model up
on its next suggestion. See docs/text.md for how it was measured.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import os
import platform
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from django.conf import settings

from minpan.cases.states import Domain

from . import duplicates
from .normal import message_text, normalise

log = logging.getLogger(__name__)

# The data labels domains by their Chinese names (城乡建设); cases store the code (urban).
DOMAIN_CODES = {label: code for code, label in Domain.choices} | {code: code for code in Domain.values}

DEFAULTS = {"C": 1.0, "class_weight": None, "features": {"char_ngrams": (1, 4), "char_min_df": 2}}


class NoModel(Exception):
    """No trained model of the kind asked for in MODELS_DIR."""


class DomainClassifier:
    """Features + linear SVM + a softmax temperature. Works on any label strings."""

    def __init__(self, C=DEFAULTS["C"], class_weight=DEFAULTS["class_weight"], features=None):
        self.C = C
        self.class_weight = class_weight
        from .features import MessageFeatures  # scikit-learn: loaded when a model is made or read, not at start

        self.features = MessageFeatures(**(features or DEFAULTS["features"]))
        self.temperature = 1.0
        self.cv = {}

    def fit(self, titles, bodies, labels, *, calibrate=True, folds=3, seed=0):
        y = np.asarray(labels)
        X = self.features.fit_transform(zip(titles, bodies))
        splits = self._splits(X, y, titles, bodies, folds, seed) if calibrate else []
        # liblinear releases the GIL: the final SVM and the calibration folds share the two cores.
        with ThreadPoolExecutor(max_workers=2) as pool:
            final = pool.submit(self._svm().fit, X, y)
            held_out = [(te, pool.submit(self._svm().fit, X[tr], y[tr])) for tr, te in splits]
            self.svm = final.result()
            self.classes_ = self.svm.classes_
            if held_out:
                self._calibrate(X, y, [(te, job.result()) for te, job in held_out])
        return self

    def _svm(self):
        from sklearn.svm import LinearSVC

        return LinearSVC(C=self.C, class_weight=self.class_weight, tol=1e-3, random_state=0)

    @staticmethod
    def _splits(X, y, titles, bodies, folds, seed):
        """Folds over near-duplicate groups, so a re-posted message is never on both sides; [] when too little data."""
        groups = duplicates.groups([message_text(t, b) for t, b in zip(titles, bodies)])
        folds = min(folds, min(Counter(y).values()), len(set(groups)))
        if folds < 2:  # too little data to hold any out: confidences stay an uncalibrated softmax
            return []
        from sklearn.model_selection import StratifiedGroupKFold

        splits = list(StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(X, y, groups))
        if any(len(set(y[tr])) < 2 for tr, _ in splits):
            return []
        return splits

    def _calibrate(self, X, y, held_out):
        """Out-of-fold scores → temperature, and a cross-validated macro-F1.

        The TF-IDF vocabulary and weights come from all rows (no labels involved); only the SVM is refitted.
        """
        oof = np.zeros((len(y), len(self.classes_)))
        for te, svm in held_out:
            oof[np.ix_(te, np.searchsorted(self.classes_, svm.classes_))] = _scores(svm, X[te])
        self.temperature = _fit_temperature(oof, np.searchsorted(self.classes_, y))
        pred = self.classes_[oof.argmax(1)]
        self.cv = {
            "folds": len(held_out), "grouped_by": "near-duplicates",
            "macro_f1": round(float(_macro_f1(y, pred)), 4), "accuracy": round(float(np.mean(pred == y)), 4),
        }

    def decision(self, pairs):
        return _scores(self.svm, self.features.transform(pairs))

    def predict(self, pairs):
        return self.classes_[self.decision(pairs).argmax(1)]

    def proba(self, pairs):
        return _softmax(self.decision(pairs) / self.temperature)

    def suggest(self, title, body, k=3):
        """[(label, confidence)] best first, k of them."""
        p = self.proba([(title, body)])[0]
        order = np.argsort(-p)[:k]
        return [(str(self.classes_[i]), round(float(p[i]), 4)) for i in order]


def _scores(svm, X):
    s = svm.decision_function(X)
    if s.ndim == 1:  # two classes: sklearn returns one column, for the second class
        s = np.column_stack([-s, s]) / 2
    return s


def _softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _fit_temperature(scores, y_idx):
    from scipy.optimize import minimize_scalar

    def nll(log_t):
        p = _softmax(scores / np.exp(log_t))
        return -np.mean(np.log(p[np.arange(len(y_idx)), y_idx] + 1e-12))

    return float(np.exp(minimize_scalar(nll, bounds=(-6, 3), method="bounded").x))


def _macro_f1(y_true, y_pred):
    from sklearn.metrics import precision_recall_fscore_support

    return precision_recall_fscore_support(y_true, y_pred, average="macro", zero_division=0)[2]


# ---------------------------------------------------------------- data

def read_csv(path) -> list[dict]:
    """Rows with the columns of domain_train.csv (id,title,detail,time,label); title or detail may be empty."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    if rows and not {"title", "detail", "label"} <= set(rows[0]):
        raise ValueError(f"{path}: 需要列 title, detail, label；实际为 {', '.join(rows[0])}")
    for r in rows:  # a short line leaves its missing fields None
        r["title"], r["detail"], r["label"] = r["title"] or "", r["detail"] or "", (r["label"] or "").strip()
    return [r for r in rows if (normalise(r["title"]) or normalise(r["detail"])) and r["label"]]


def data_hash(titles, bodies, labels) -> str:
    """SHA-256 over the normalised rows, order-independent."""
    lines = sorted(f"{normalise(t)}\t{normalise(b)}\t{y}" for t, b, y in zip(titles, bodies, labels))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def report(y_true, y_pred) -> tuple[list[str], float]:
    """The per-class table as lines, and the macro-F1."""
    from sklearn.metrics import precision_recall_fscore_support

    labels = sorted(set(y_true) | set(y_pred))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    width = max(len(str(x)) for x in labels) * 2  # Chinese characters take two columns
    lines = [f"{'label':<{width}}  precision  recall      f1  support"]
    for lab, *vals in zip(labels, p, r, f, s):
        pad = width - sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(lab))
        lines.append(f"{lab}{' ' * pad}  {vals[0]:9.4f}  {vals[1]:6.4f}  {vals[2]:6.4f}  {vals[3]:7d}")
    macro = float(np.mean(f))  # as sklearn's average="macro": a label only ever predicted counts, with F1 0
    lines.append(f"{'macro avg':<{width}}  {np.mean(p):9.4f}  {np.mean(r):6.4f}  {macro:6.4f}  {int(sum(s)):7d}")
    return lines, macro


# ---------------------------------------------------------------- artefacts

def models_dir() -> Path:
    """settings.MINPAN_MODELS_DIR (from the environment variable of that name, default <repo>/var/models)."""
    return Path(settings.MINPAN_MODELS_DIR)


def train_artefact(titles, bodies, labels, *, source: str, root: Path | None = None, extra: dict | None = None,
                   keep_if_worse_by: float | None = None) -> tuple[Path, dict]:
    """Train on all rows, write a new version and make it current. Labels must be domains (城乡建设 or urban)."""
    unknown = sorted({y for y in labels if y not in DOMAIN_CODES})
    if unknown:
        raise ValueError(f"未知的领域：{', '.join(unknown)}。可用：{', '.join(Domain.labels)}")
    codes = [DOMAIN_CODES[y] for y in labels]
    if len(set(codes)) < 2:
        raise ValueError("训练至少需要两个领域的留言")
    return fit_and_store("domain", titles, bodies, codes, source=source, root=root, extra=extra,
                         keep_if_worse_by=keep_if_worse_by)


def fit_and_store(kind: str, titles, bodies, codes, *, source: str, root: Path | None = None, extra: dict | None = None,
                  keep_if_worse_by: float | None = None) -> tuple[Path, dict]:
    """Train a DomainClassifier on (title, body, code) rows and write MODELS_DIR/<kind>/<version>.

    The new version becomes current, unless `keep_if_worse_by` is given and its grouped
    cross-validated macro-F1 is lower than the current version's by more than that: then the
    current one stays and meta.json says why (a scheduled retraining must not make things worse).
    """
    started = time.perf_counter()
    model = DomainClassifier().fit(titles, bodies, codes)
    seconds = time.perf_counter() - started

    root = Path(root or models_dir()) / kind
    now = dt.datetime.now(dt.UTC)
    digest = data_hash(titles, bodies, codes)
    version = f"{now:%Y%m%dT%H%M%SZ}-{digest[:8]}"
    meta = {
        "version": version,
        "kind": kind,
        "created_at": now.isoformat(timespec="seconds"),
        "source": source,
        "data_sha256": digest,
        "rows": len(codes),
        "label_counts": dict(sorted(Counter(codes).items())),
        "classes": [str(c) for c in model.classes_],
        "model": {"kind": "tfidf-char-1-4 + LinearSVC", "C": model.C, "class_weight": model.class_weight,
                  "features": {k: list(v) if isinstance(v, tuple) else v for k, v in model.features.get_params().items()},
                  "vocabulary": {k: len(v.vocabulary_) for k, v in model.features.vectorizers_.items()},
                  "temperature": round(model.temperature, 4)},
        "scores": {"cross_validation": model.cv},
        "train_seconds": round(seconds, 1),
        "python": platform.python_version(),
        "sklearn": _sklearn_version(),
        **(extra or {}),
    }
    import joblib

    root.mkdir(parents=True, exist_ok=True)
    n = 1
    while (root / version).exists():  # same data retrained within the same second
        n += 1
        version = meta["version"] = f"{now:%Y%m%dT%H%M%SZ}-{digest[:8]}-{n}"
    target = root / version
    target.mkdir()
    joblib.dump(model, target / "model.joblib", compress=3)
    current = current_meta(root=root.parent, kind=kind)
    meta["promoted"], reason = _better_or_equal(meta, current, keep_if_worse_by)
    meta["previous"] = current["version"] if current else None
    if reason:
        meta["kept_because"] = reason
    (target / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if meta["promoted"]:
        tmp = root / f".CURRENT.{os.getpid()}"
        tmp.write_text(version + "\n", encoding="utf-8")
        os.replace(tmp, root / "CURRENT")
    else:
        log.warning("新模型 %s 未启用，保留 %s：%s", version, meta["previous"], reason)
    return target, meta


def _better_or_equal(new: dict, current: dict | None, margin: float | None) -> tuple[bool, str]:
    """(promote?, why not). Without a margin, or without a current model, the new one always wins."""
    if margin is None or current is None:
        return True, ""
    old = current.get("scores", {}).get("cross_validation", {}).get("macro_f1")
    score = new["scores"]["cross_validation"].get("macro_f1")
    if old is None:
        return True, ""
    if score is None:
        return False, f"新数据太少，无法交叉验证；现用模型 macro_f1 {old}"
    if score < old - margin:
        return False, f"分组交叉验证 macro_f1 {score} 比现用模型的 {old} 低 {old - score:.4f}，超过容差 {margin}"
    return True, ""


def current_meta(root: Path | None = None, kind: str = "domain") -> dict | None:
    """meta.json of the current version, or None (read from disk; no model is loaded)."""
    base = Path(root or models_dir()) / kind
    try:
        version = (base / "CURRENT").read_text(encoding="utf-8").strip()
        return json.loads((base / version / "meta.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def _sklearn_version():
    import sklearn

    return sklearn.__version__


_lock = threading.Lock()
_loaded: dict = {}  # kind → {"key", "model", "meta"}


def current_model(root: Path | None = None, kind: str = "domain") -> tuple[DomainClassifier, dict]:
    """The current artefact of `kind`, loaded once and reloaded when CURRENT names another version."""
    base = Path(root or models_dir()) / kind
    try:
        version = (base / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        what = {"domain": "领域分类", "msgtype": "留言类型"}.get(kind, kind)
        raise NoModel(f"{base} 下没有{what}模型；请运行 minpan classify train") from None
    key = (str(base), version)
    with _lock:
        slot = _loaded.setdefault(kind, {})
        if slot.get("key") != key:
            import joblib

            model = joblib.load(base / version / "model.joblib")
            meta = json.loads((base / version / "meta.json").read_text(encoding="utf-8"))
            slot.update(key=key, model=model, meta=meta)
        return slot["model"], slot["meta"]


def suggest_domain(title: str, body: str, k: int = 3) -> list[tuple[str, float]]:
    """[(domain code, confidence)] best first, e.g. [("urban", 0.81), ("commerce", 0.09), …].

    Codes are Domain values (Domain(code).label gives 城乡建设). Empty when no model has been
    trained yet (logged), so a page can simply show no suggestion.
    """
    try:
        model, _ = current_model()
    except NoModel as exc:
        log.warning("%s", exc)
        return []
    return model.suggest(title, body, k=k)
