"""`minpan route evaluate --csv letters.csv`: how well the lead-unit suggestion does on past letters.

The CSV has the columns of the 商洛市市长信箱 data (mail_id,title,query,query_date,reply_agency,…).
Letters are ordered by date; the model learns from the older share and is scored on the newer,
as it would be used. Agency names drift over ten years (市信息办 → 市信息中心, 交警支队 →
交通警察支队, 政府办 → 人民政府办公室), so they are brought to one name each before counting.
"""
import csv
import re
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from minpan.textmine.normal import normalise
from minpan.textmine.routing import UnitRouter, top_k_accuracy


def canonical_agency(name: str) -> str:
    a = normalise(name).replace(" ", "")
    a = re.sub(r"^(商洛市|市)", "", a)
    a = a.replace("交警", "交通警察").replace("房管局", "房产管理局")
    a = re.sub(r"(人民)?政府(办公室|办)?$", "人民政府", a)
    if "信息" in a and ("办" in a or "中心" in a):
        return "信息办（中心）"  # the portal's own office, renamed in 2021
    return a


class Command(BaseCommand):
    help = "牵头单位推荐：evaluate 按时间先后划分，报告 top-1 / top-3 命中率"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        ev = sub.add_parser("evaluate", help="按时间划分训练/测试，报告 top-1 / top-3")
        ev.add_argument("--csv", required=True, help="列：mail_id,title,query,query_date,reply_agency")
        ev.add_argument("--test-share", type=float, default=0.2, help="最新的这一比例作测试（默认 0.2）")

    def handle(self, *args, verb, csv: str, test_share: float, **opts):
        rows, skipped = self._read(csv)
        rows.sort(key=lambda r: r["query_date"])
        n = int(len(rows) * (1 - test_share))
        train, test = rows[:n], rows[n:]
        if not train or not test:
            raise CommandError("数据太少，无法划分")
        units = [r["unit"] for r in train]
        seen = set(units)
        self.stdout.write(f"letters {len(rows)} (skipped: {', '.join(f'{k} {v}' for k, v in skipped.items()) or 'none'}); "
                          f"{len(seen | {r['unit'] for r in test})} units after name clean-up")
        self.stdout.write(f"train {len(train)} letters up to {train[-1]['query_date']}, test {len(test)} from {test[0]['query_date']}; "
                          f"{sum(r['unit'] not in seen for r in test)} test letters went to a unit never seen in training")
        truth = [r["unit"] for r in test]
        counts = Counter(units).most_common()
        for k in (1, 3):
            top = {u for u, _ in counts[:k]}
            self.stdout.write(f"most frequent units   top-{k} {sum(u in top for u in truth) / len(truth):.3f}")
        titles, bodies = [r["title"] for r in train], [r["query"] for r in train]
        for label, bonus in (("text only", 0.0), ("text + place in name", UnitRouter().place_bonus)):
            router = UnitRouter(place_bonus=bonus).fit(titles, bodies, units)
            acc = top_k_accuracy(router, [r["title"] for r in test], [r["query"] for r in test], truth)
            self.stdout.write(f"{label:<21} top-1 {acc[1]:.3f} top-3 {acc[3]:.3f}")

    def _read(self, path):
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                raw = list(csv.DictReader(f))
        except OSError as exc:
            raise CommandError(str(exc)) from None
        if raw and not {"title", "query", "query_date", "reply_agency"} <= set(raw[0]):
            raise CommandError(f"{path}: 需要列 title, query, query_date, reply_agency")
        rows, ids, skipped = [], set(), Counter()
        for r in raw:
            if not r["query_date"].strip():
                skipped["no date"] += 1
            elif not r["reply_agency"].strip():
                skipped["no agency"] += 1
            elif r.get("mail_id") and r["mail_id"] in ids:
                skipped["repeated id"] += 1
            else:
                ids.add(r.get("mail_id"))
                rows.append({**r, "unit": canonical_agency(r["reply_agency"])})
        return rows, dict(skipped)
