"""How the reply check's relevance thresholds were chosen, and how its 答非所问 flag reads on real replies.

    .venv/bin/python bench/reply_check_eval.py [--data ../shared/data/teddy2020c]

1. True message–reply pairs vs each message with another message's reply (and the same reply opened
   by quoting this message's title), on the ids of even rank (half A) among replies with ≥ 30
   substantive characters: for each weighting (built-in formula list; IDF fitted on the corpus) and
   title-quotation length, the relevance below which 1 / 2 / 3 / 5 % of true pairs fall and the share
   of shuffled pairs below it. The constants in minpan/textmine/replycheck.py come from this table.
2. Precision of the shipped flag on bench/data/reply_irrelevant_checked.csv: 20 replies drawn at
   random (seed 5) from those it flags, read and judged by hand (poor = off-topic or evasive).
Not a test: it reads third-party data kept outside the repository.
"""
import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.shared_data import TEDDY  # noqa: E402
from minpan.textmine import replycheck as rc  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(TEDDY))
    args = ap.parse_args()
    rows = list(csv.DictReader(open(Path(args.data) / "replies_attachment4.csv", encoding="utf-8")))
    idf = rc.fit_idf(t for r in rows for t in (f"{r['留言主题']} {r['留言详情']}", r["答复意见"]))

    def answer(reply, title, k):
        return rc.dequote(rc._SIGNATURE_DATE.sub(" ", rc.normalise(reply)), rc.normalise(title), k)

    pool = sorted((r for r in rows
                   if len(rc._KEEP.sub("", rc.substance(answer(r["答复意见"], r["留言主题"], 4)))) >= 30),
                  key=lambda r: int(r["留言编号"]))
    rng = random.Random(0)
    others = list(range(len(pool)))
    rng.shuffle(others)
    print(f"{len(pool)} replies with substance; half A = {len(range(0, len(pool), 2))} pairs")
    print("weights  quote≥  true-flagged  threshold  shuffled-flagged  quoted-shuffled-flagged")
    for name, weights in (("formula", None), ("idf", idf)):
        for k in (4, 8, 14):
            true, shuffled, quoted = [], [], []
            for i in range(0, len(pool), 2):
                r = pool[i]
                j = others[i] if others[i] != i else (i + 1) % len(pool)
                message = f"{rc.normalise(r['留言主题'])} {rc.normalise(r['留言详情'])}"
                other = pool[j]["答复意见"]
                true.append(rc.similarity(message, answer(r["答复意见"], r["留言主题"], k), weights))
                shuffled.append(rc.similarity(message, answer(other, r["留言主题"], k), weights))
                q = f"针对您反映的“{r['留言主题']}”的问题，现回复如下：{other}"
                quoted.append(rc.similarity(message, answer(q, r["留言主题"], k), weights))
            true.sort()
            for share in (0.01, 0.02, 0.03, 0.05):
                th = true[int(len(true) * share)]
                print(f"{name:<8} {k:>6}  {share:>12.0%}  {th:>9.4f}  {sum(x < th for x in shuffled) / len(shuffled):>16.3f}"
                      f"  {sum(x < th for x in quoted) / len(quoted):>23.3f}")

    judged = {r["留言编号"]: r["judgement"] for r in csv.DictReader(open(ROOT / "bench" / "data" / "reply_irrelevant_checked.csv", encoding="utf-8"))}
    poor = sum(v == "poor" for v in judged.values())
    print(f"shipped flag (formula weights, threshold {rc.IRRELEVANT_BELOW_UNIFORM}): of {len(judged)} flagged replies read by hand, "
          f"{poor} are off-topic or evasive ({poor / len(judged):.0%}), {len(judged) - poor} are real answers worded apart from the message")


if __name__ == "__main__":
    main()
