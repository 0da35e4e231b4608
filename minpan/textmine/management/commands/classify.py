"""`minpan classify evaluate --train A.csv --test B.csv`, `minpan classify train [--kind K] [--csv FILE]`,
`minpan classify retrain` (what the worker runs on its schedule) and `minpan classify feedback`."""
import time

from django.core.management.base import BaseCommand, CommandError

from minpan.textmine import classify, duplicates, msgtype
from minpan.textmine.normal import message_text


class Command(BaseCommand):
    help = "自动分类：evaluate 在测试集上评估；train 训练并发布新版本模型；retrain 按新的人工分类重训；feedback 建议采纳情况"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        ev = sub.add_parser("evaluate", help="在 TRAIN 上训练、预测 TEST，打印各类指标，最后一行 macro_f1")
        ev.add_argument("--train", required=True, help="CSV，列同 domain_train.csv（id,title,detail,time,label）")
        ev.add_argument("--test", required=True, help="CSV，列同上")
        tr = sub.add_parser("train", help="训练并发布新版本模型（默认用数据库中已分类的留言）")
        tr.add_argument("--kind", choices=["domain", "msgtype"], default="domain", help="domain 领域（默认）或 msgtype 留言类型")
        tr.add_argument("--csv", help="改用此 CSV 训练（列同 domain_train.csv，label 为领域或留言类型）")
        tr.add_argument("--models-dir", help="模型目录（默认 MINPAN_MODELS_DIR 或 var/models）")
        tr.add_argument("--keep-if-worse-by", type=float, help="新模型分组交叉验证 macro_f1 比现用模型低出此值时不启用")
        rt = sub.add_parser("retrain", help="用数据库中的人工分类重训有新标注的模型（工作进程定期运行）")
        rt.add_argument("--kind", action="append", choices=["domain", "msgtype"], help="只训练此类（可重复）；默认有新标注的各类")
        rt.add_argument("--models-dir", help="模型目录（默认 MINPAN_MODELS_DIR 或 var/models）")
        rt.add_argument("--keep-if-worse-by", type=float, default=0.02, help="新模型 macro_f1 低出此值时保留原模型（默认 0.02）")
        fb = sub.add_parser("feedback", help="各类建议的采纳率")
        fb.add_argument("--days", type=int, default=30, help="统计最近多少天（默认 30）")

    def handle(self, *args, verb, **opts):
        if verb == "evaluate":
            return self.evaluate(opts["train"], opts["test"])
        if verb == "retrain":
            return self.retrain(opts["kind"], opts["models_dir"], opts["keep_if_worse_by"])
        if verb == "feedback":
            return self.feedback(opts["days"])
        return self.train(opts["csv"], opts["models_dir"], kind=opts["kind"], margin=opts["keep_if_worse_by"])

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

    def train(self, csv_path, models_dir, *, kind="domain", margin=None):
        extra = {}
        if csv_path:
            rows = self._read(csv_path)
            titles, bodies, labels = [r["title"] for r in rows], [r["detail"] for r in rows], [r["label"] for r in rows]
            source = f"csv:{csv_path}"
        else:
            from minpan.textmine.retrain import MIN_DOMAIN_ROWS, labelled

            titles, bodies, labels, extra = labelled(kind)
            source = "database:cases"
            if kind == "domain" and len(labels) < MIN_DOMAIN_ROWS:
                raise CommandError(f"数据库中只有 {len(labels)} 条已分类的留言，不足以训练；可用 --csv 指定训练数据")
        train = classify.train_artefact if kind == "domain" else msgtype.train_artefact
        try:
            path, meta = train(titles, bodies, labels, source=source, root=models_dir, extra=extra, keep_if_worse_by=margin)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        cv = meta["scores"]["cross_validation"]
        what = "领域" if kind == "domain" else "留言类型"
        corrections = f"，其中 {meta['from_corrections']} 条来自对建议的更正" if "from_corrections" in meta else ""
        self.stdout.write(f"{what}模型 {meta['version']}：{meta['rows']} 条{corrections}，训练 {meta['train_seconds']} 秒，"
                          f"分组交叉验证 macro_f1 {cv.get('macro_f1', '—')}")
        if not meta["promoted"]:
            self.stdout.write(f"未启用，仍用 {meta['previous']}：{meta['kept_because']}")
        self.stdout.write(str(path))
        return None

    def retrain(self, kinds, models_dir, margin):
        from minpan.textmine.retrain import due_kinds

        kinds = kinds or due_kinds(models_dir)
        if not kinds:
            self.stdout.write("没有需要重训的模型：自上次训练以来没有新的人工分类，或数量不足")
            return
        failed = []
        for kind in kinds:
            try:
                self.train(None, models_dir, kind=kind, margin=margin)
            except CommandError as exc:  # one kind failing must not stop the other
                self.stderr.write(f"{kind}：{exc}")
                failed.append(kind)
        if failed:
            raise CommandError(f"训练失败：{', '.join(failed)}；保留原模型")

    def feedback(self, days):
        from minpan.textmine.suggest import feedback

        self.stdout.write(f"最近 {days} 天的自动建议（首次决定）")
        for r in feedback(days=days):
            if not r["decided"]:
                self.stdout.write(f"{r['label']}：无")
                continue
            self.stdout.write(f"{r['label']}：{r['decided']} 件，采纳 {r['accepted']}，更正 {r['corrected']}，"
                              f"采纳率 {r['rate']:.1%}，所选在前三项建议中 {r['in_top']:.1%}")
