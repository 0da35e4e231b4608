"""`minpan classify evaluate --train A.csv --test B.csv` and `minpan classify train [--csv FILE]`."""
import time

from django.core.management.base import BaseCommand, CommandError

from minpan.textmine import classify, duplicates
from minpan.textmine.features import message_text


class Command(BaseCommand):
    help = "领域自动分类：evaluate 在测试集上评估；train 训练并发布新版本模型"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        ev = sub.add_parser("evaluate", help="在 TRAIN 上训练、预测 TEST，打印各类指标，最后一行 macro_f1")
        ev.add_argument("--train", required=True, help="CSV，列同 domain_train.csv（id,title,detail,time,label）")
        ev.add_argument("--test", required=True, help="CSV，列同上")
        tr = sub.add_parser("train", help="训练并发布新版本模型（默认用数据库中已分类的留言）")
        tr.add_argument("--csv", help="改用此 CSV 训练（列同 domain_train.csv）")
        tr.add_argument("--models-dir", help="模型目录（默认 MINPAN_MODELS_DIR 或 var/models）")

    def handle(self, *args, verb, **opts):
        if verb == "evaluate":
            return self.evaluate(opts["train"], opts["test"])
        return self.train(opts["csv"], opts["models_dir"])

    def _read(self, path):
        try:
            rows = classify.read_csv(path)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        if not rows:
            raise CommandError(f"{path}: 没有带标签的留言")
        return rows

    def evaluate(self, train_path, test_path):
        train, test = self._read(train_path), self._read(test_path)
        started = time.perf_counter()
        model = classify.DomainClassifier().fit(
            [r["title"] for r in train], [r["detail"] for r in train], [r["label"] for r in train], calibrate=False)
        seconds = time.perf_counter() - started
        y = [r["label"] for r in test]
        pred = list(model.predict((r["title"], r["detail"]) for r in test))
        lines, macro = classify.report(y, pred)
        self.stdout.write(f"train {len(train)} rows ({seconds:.1f} s), test {len(test)} rows")
        for line in lines:
            self.stdout.write(line)
        # Messages the model has in effect seen: near-duplicates of a training row.
        seen = duplicates.overlap([message_text(r["title"], r["detail"]) for r in train],
                                  [message_text(r["title"], r["detail"]) for r in test])
        unseen = [i for i, s in enumerate(seen) if not s]
        if len(unseen) < len(test):
            _, macro_unseen = classify.report([y[i] for i in unseen], [pred[i] for i in unseen])
            self.stdout.write(f"test rows near-duplicating a train row: {len(test) - len(unseen)}; "
                              f"macro_f1 without them {macro_unseen:.4f} ({len(unseen)} rows)")
        else:
            self.stdout.write("test rows near-duplicating a train row: 0")
        self.stdout.write(f"macro_f1 {macro:.4f}")

    def train(self, csv_path, models_dir):
        if csv_path:
            rows = self._read(csv_path)
            titles, bodies, labels = [r["title"] for r in rows], [r["detail"] for r in rows], [r["label"] for r in rows]
            source = f"csv:{csv_path}"
        else:
            from minpan.cases.models import Case

            cases = Case.objects.exclude(domain="").values_list("subject", "body", "domain")
            titles, bodies, labels = (list(x) for x in zip(*cases)) if cases else ([], [], [])
            source = "database:cases"
            if len(labels) < 20:
                raise CommandError(f"数据库中只有 {len(labels)} 条已分类的留言，不足以训练；可用 --csv 指定训练数据")
        try:
            path, meta = classify.train_artefact(titles, bodies, labels, source=source, root=models_dir)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        cv = meta["scores"]["cross_validation"]
        self.stdout.write(f"模型 {meta['version']}：{meta['rows']} 条，训练 {meta['train_seconds']} 秒，"
                          f"分组交叉验证 macro_f1 {cv.get('macro_f1', '—')}")
        self.stdout.write(str(path))
