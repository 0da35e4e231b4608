"""`minpan replycheck evaluate --csv replies.csv --labels labels.csv`: how the reply check does on real replies.

The CSV has the columns of the 2020 泰迪杯 附件4 (留言编号,留言主题,留言详情,答复意见,…). Label files join on
留言编号: the contestants' 完整性指标/可解释性指标 (100 rows), their 可解释性 for all rows (how it was made
is undocumented: weak), and our own hand labels (answered / perfunctory / irrelevant). For relevance there
is no label, so each message is also paired with another message's reply (shuffled) and with another
reply that opens by quoting this message's title: those should be flagged, the true pairs should not.
Thresholds were chosen on the ids of even rank (half A); half B is reported apart.
"""
import csv
import random
import statistics
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from minpan.policies.active import policy_named
from minpan.policies.presets import PRESETS
from minpan.textmine.replycheck import check_reply, fit_idf

FLAGS = ("perfunctory", "irrelevant", "no_result_or_basis", "no_handler", "no_contact")
NOT_ANSWERED = {"perfunctory", "irrelevant"}


def read_rows(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise CommandError(f"读不到 {path}：{e.strerror}") from None
    need = {"留言编号", "留言主题", "答复意见"}
    if rows and not need <= set(rows[0]):
        raise CommandError(f"{path} 缺少列：{'、'.join(sorted(need - set(rows[0])))}")
    return rows


def read_labels(path: str | None, column: str) -> dict[str, str]:
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise CommandError(f"读不到 {path}：{e.strerror}") from None
    if rows and column not in rows[0]:
        raise CommandError(f"{path} 没有列“{column}”（有：{'、'.join(rows[0])}）")
    return {r["留言编号"].strip(): r[column].strip() for r in rows}


def prf(pred: list[bool], truth: list[bool]) -> tuple[float, float, float, int]:
    tp = sum(p and t for p, t in zip(pred, truth))
    fp = sum(p and not t for p, t in zip(pred, truth))
    fn = sum(t and not p for p, t in zip(pred, truth))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), sum(truth)


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def is_low(value: str) -> bool:
    return float(value) < 0.5


class Command(BaseCommand):
    help = "答复质量检查：evaluate 在真实答复上统计各项提示，并与标注比对"
    requires_system_checks = []  # reads files only: no URLs, models or database involved

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        ev = sub.add_parser("evaluate", help="统计各项提示；与标注、人工核对集比对；打乱配对检验“答非所问”")
        ev.add_argument("--csv", required=True, help="列：留言编号,留言主题,留言详情,答复意见")
        ev.add_argument("--labels", help="列：留言编号,完整性指标,可解释性指标")
        ev.add_argument("--interpretability", help="列：留言编号,可解释性")
        ev.add_argument("--hand", help="人工核对：留言编号,label（answered / perfunctory / irrelevant）")
        ev.add_argument("--policy", default="xizang", choices=sorted(PRESETS),
                        help="按哪一制度的答复要求检查（默认 xizang：不要求写经办人，数据里本也没有）")
        ev.add_argument("--idf", action="store_true",
                        help="关联度改用在本语料上拟合的 IDF（产品内用内置套话表，与报送时记录的一致）")
        ev.add_argument("--seed", type=int, default=0, help="打乱配对的随机种子")

    def handle(self, *args, verb, csv, labels, interpretability, hand, policy, idf, seed, **opts):
        rows = read_rows(csv)
        if not rows:
            raise CommandError(f"{csv} 没有数据行")
        req = policy_named(policy).reply_content
        out = self.stdout.write
        idf = None if not idf else fit_idf(
            t for r in rows for t in (f"{r['留言主题']} {r.get('留言详情', '')}", r["答复意见"])
        )
        out(f"replies {len(rows)}; requirements of {policy}: {req}")
        out(f"relevance weights: {'built-in formula list only' if idf is None else f'IDF fitted on these {2 * len(rows)} texts (unsupervised)'}")

        def check(row, reply=None):
            return check_reply(title=row["留言主题"], body=row.get("留言详情", ""), reply=row["答复意见"] if reply is None else reply,
                               requirements=req, idf=idf)

        checks, times = {}, []
        for r in rows:
            t0 = time.perf_counter()
            checks[r["留言编号"].strip()] = check(r)
            times.append(time.perf_counter() - t0)
        counts = Counter(c for ch in checks.values() for c in ch.codes)
        out("flags over all replies:")
        for code in FLAGS:
            out(f"  {code:<20} {counts[code]:>5}  ({counts[code] / len(rows):.1%})")
        out(f"  {'no flag':<20} {sum(ch.ok for ch in checks.values()):>5}")
        times.sort()
        p95 = times[int(len(times) * 0.95)]
        out(f"time per reply: median {statistics.median(times) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, max {times[-1] * 1000:.2f} ms")

        figures = {}
        figures.update(self._contestant_labels(checks, labels, interpretability))
        figures.update(self._hand_labels(checks, hand))
        figures.update(self._shuffled(rows, checks, check, req, seed))
        out("key: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))

    def _contestant_labels(self, checks, labels, interpretability) -> dict:
        out = self.stdout.write
        figs: dict[str, float] = {}
        complete = read_labels(labels, "完整性指标")
        explained = read_labels(labels, "可解释性指标")
        if complete:
            ids = [i for i in complete if i in checks]
            out(f"contestant labels (100-row file): {len(ids)} joined; labels are undocumented and noisy, see docs/text-replies.md")
            low = [is_low(complete[i]) for i in ids]
            flagged = [bool(set(checks[i].codes) & {"perfunctory", "irrelevant", "no_result_or_basis"}) for i in ids]
            p, r, f, n = prf(flagged, low)
            out(f"  完整性 low ({n} of {len(ids)}) vs any content flag: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
            rel_auc = auc([checks[i].relevance for i in ids if not is_low(complete[i])],
                          [checks[i].relevance for i in ids if is_low(complete[i])])
            out(f"  AUC of relevance for 完整性 (high above low): {rel_auc:.3f}")
            low = [is_low(explained[i]) for i in ids]
            flagged = ["no_result_or_basis" in checks[i].codes for i in ids]
            p, r, f, n = prf(flagged, low)
            out(f"  可解释性 low ({n} of {len(ids)}) vs no_result_or_basis: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
            figs["labels100_explain_f1"] = f
        weak = read_labels(interpretability, "可解释性")
        if weak:
            ids = [i for i in weak if i in checks]
            low = [is_low(weak[i]) for i in ids]
            flagged = ["no_result_or_basis" in checks[i].codes for i in ids]
            p, r, f, n = prf(flagged, low)
            out(f"contestant 可解释性 for all ({len(ids)} joined, {n} low): no_result_or_basis precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
            flagged = [not checks[i].ok and bool(set(checks[i].codes) & (NOT_ANSWERED | {"no_result_or_basis"})) for i in ids]
            p, r, f, _ = prf(flagged, low)
            out(f"  … any content flag: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
        return figs

    def _hand_labels(self, checks, hand) -> dict:
        out = self.stdout.write
        figs: dict[str, float] = {}
        labels = read_labels(hand, "label")
        if not labels:
            return figs
        ids = [i for i in labels if i in checks]
        out(f"hand-checked set: {len(ids)} joined ({', '.join(f'{k} {v}' for k, v in sorted(Counter(labels[i] for i in ids).items()))})")
        for what, truth_of, flag_of in (
            ("perfunctory", lambda lab: lab == "perfunctory", lambda ch: "perfunctory" in ch.codes),
            ("not answered (perfunctory or irrelevant)", lambda lab: lab != "answered",
             lambda ch: bool(set(ch.codes) & NOT_ANSWERED)),
        ):
            truth = [truth_of(labels[i]) for i in ids]
            pred = [flag_of(checks[i]) for i in ids]
            p, r, f, n = prf(pred, truth)
            out(f"  {what}: precision {p:.3f} recall {r:.3f} F1 {f:.3f} ({n} true)")
            figs.setdefault("hand_perfunctory_f1", f)
        wrong = [i for i in ids if ("perfunctory" in checks[i].codes) != (labels[i] == "perfunctory")]
        if wrong:
            out(f"  disagreements on perfunctory: {', '.join(wrong)}")
        return figs

    def _shuffled(self, rows, checks, check, req, seed) -> dict:
        out = self.stdout.write
        figs: dict[str, float] = {}
        # Only replies with substance: a bare "已转交" is flagged perfunctory and never irrelevant.
        pool = sorted((r for r in rows if checks[r["留言编号"].strip()].substance_chars >= req.min_chars),
                      key=lambda r: int(r["留言编号"]) if r["留言编号"].strip().isdigit() else r["留言编号"])
        if len(pool) < 2:
            return figs
        rng = random.Random(seed)
        others = list(range(len(pool)))
        rng.shuffle(others)
        out(f"irrelevant, by pairing: {len(pool)} messages whose reply has ≥ {req.min_chars} substantive characters")
        for half, idx in (("A (thresholds chosen here)", range(0, len(pool), 2)), ("B (held out)", range(1, len(pool), 2))):
            true = shuffled = quoted = 0
            n = 0
            for k in idx:
                row = pool[k]
                j = others[k] if others[k] != k else (k + 1) % len(pool)
                other = pool[j]["答复意见"]
                n += 1
                true += "irrelevant" in checks[row["留言编号"].strip()].codes
                shuffled += "irrelevant" in check(row, other).codes
                quoted += "irrelevant" in check(row, f"针对您反映的“{row['留言主题']}”的问题，现回复如下：{other}").codes
            out(f"  half {half}: {n} pairs; flagged irrelevant — true pairs {true / n:.3f}, "
                f"another message's reply {shuffled / n:.3f}, same but quoting this title first {quoted / n:.3f}")
            figs["true_pairs_flagged"] = true / n
            figs["shuffled_flagged"] = shuffled / n
            figs["quoted_shuffled_flagged"] = quoted / n
        return figs
