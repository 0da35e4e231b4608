"""Precision and recall of minpan.textmine.redact on real messages with inserted entities.

    .venv/bin/python bench/redact_eval.py [--n 300] [--per 2] [--seed 2026] [--show 8]

Takes N teddy2020c messages (train + dev, detail ≥ 40 characters, fixed seed) and inserts,
at sentence boundaries, short synthetic sentences carrying one entity each, remembering the
character span that must be masked:

  name      2-, 3-character and compound names (我叫X / 联系人：X / 本人X / X先生 / X某某 …);
            for 先生/女士 forms only the surname is the span, as the redactor masks only that
  mobile    13812345678, 138-1234-5678, 138 1234 5678, +86 …, +86-…
  landline  0731-84512345, (0731)84512345, 0731 8451234, 0731－…, …转808, 电话：8451234
  id        generated 18-digit numbers with a correct ISO 7064 check (some end in X)
  bank      Luhn-valid 16/19-digit card numbers, plain or in groups of four
  email     qq/163/126/… addresses
  plate     湘A12345, 湘AD12345, 湘A·B2C34 (the span is the part after the letter)
  house     3栋2单元501室, 5号楼1单元302室, 七栋二单元602室, 12栋1801室, 2单元601 …
and look-alikes that must NOT be masked: 18-digit numbers with a wrong check digit and
16/19-digit numbers failing Luhn (order / tracking numbers).

Found = the predicted spans together cover every letter, digit and Han character of the
entity span. Precision per kind = predicted spans of that kind that overlap an inserted
entity / all predicted spans of that kind in the augmented messages (so masking of the
original text or of a look-alike counts against it). The untouched originals are also
run alone, and on the whole corpus (12,611 messages), and a few of their masks shown:
read them to judge whether they are genuine personal data.

redact.spans is called without names/extra (the pattern detectors alone); one extra line
shows name recall when the inserted full names are passed as the writer's known name.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from minpan.textmine.redact import id_checksum_ok, luhn_ok, spans  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FILES = ("domain_train.csv", "domain_dev.csv")
KINDS = ("name", "mobile", "landline", "id", "bank", "email", "plate", "house")
NEGATIVES = ("id_bad", "card_bad")
# how often each type is drawn (names come in many forms, so more of them)
WEIGHTS = {"name": 4, "mobile": 2, "landline": 2, "id": 2, "bank": 2, "email": 1, "plate": 1,
           "house": 2, "id_bad": 1, "card_bad": 1}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈谭廖"
COMPOUND = ("欧阳", "司马", "上官", "诸葛")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华平刚桂兰霞红玉建国文辉鹏婷雪琳晨浩宇欣怡志海波斌俊丹萍亮红春梅燕"
AREAS = ("430102", "430103", "430104", "430105", "430111", "430112", "430121", "430181", "430202", "430302")
CARD_PREFIX = ("622202", "622848", "621700", "622588", "436742", "622609", "621226")
DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "hotmail.com", "foxmail.com", "139.com")
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
CN_NUM = "一二三四五六七八九"
BOUNDARY = re.compile(r"[。！？；!?]|\n")


def need_data() -> Path:
    folder = DATA / "teddy2020c"
    if not all((folder / f).is_file() for f in FILES):
        sys.exit(f"redact_eval: the shared data is absent ({folder}/{FILES[0]} not found); nothing to measure.")
    return folder


def load_messages(folder: Path) -> list[str]:
    out = []
    for name in FILES:
        with open(folder / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                detail = (row.get("detail") or "").strip()
                if detail:
                    out.append(detail)
    return out


# ---- generators: each returns (sentence, start, end) of the span to mask inside it --------

def _digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def _id_number(rng, valid=True):
    while True:
        year = rng.randint(1940, 2005)
        birth = f"{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        body = rng.choice(AREAS) + birth + _digits(rng, 3)
        total = sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)))
        check = "10X98765432"[total % 11]
        if valid:
            return body + check
        wrong = rng.choice([c for c in "0123456789" if c != check])
        number = body + wrong
        if not id_checksum_ok(number):
            return number


def _luhn_number(rng, length, valid=True):
    while True:
        number = rng.choice(CARD_PREFIX) + _digits(rng, length - 6)
        if luhn_ok(number) == valid:
            return number


def _group4(number):
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


def _place(template, value, value_part=None):
    """The sentence and the span of value_part (default: all of value) inside it."""
    sentence = template.format(value)
    start = sentence.index(value) + (value.index(value_part) if value_part else 0)
    return sentence, start, start + len(value_part or value)


def gen_name(rng):
    surname = rng.choice(COMPOUND) if rng.random() < 0.08 else rng.choice(SURNAMES)
    given = "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.4 else 2))
    full = surname + given
    form = rng.choice(("intro", "contact", "self", "title", "title", "mou", "mou_after_han", "sign"))
    if form == "intro":
        s, a, b = _place(rng.choice(("我叫{}，", "本人名叫{}，", "我叫{}，是本地居民。")), full)
    elif form == "contact":
        s, a, b = _place(rng.choice(("联系人：{}。", "姓名：{}。", "联系人{}。")), full)
    elif form == "self":
        s, a, b = _place(rng.choice(("我是{}，", "本人{}，", "反映人{}。")), full)
    elif form == "title":
        t = rng.choice(("先生", "女士", "师傅", "阿姨"))
        s, a, b = _place(rng.choice(("社区的{}" + t + "说会处理。", "请{}" + t + "回电。", "{}" + t + "多次反映此事。")), surname)
    elif form == "mou":
        m = surname + rng.choice(("某", "某某"))
        s, a, b = _place(rng.choice(("，{}称已上报。", "{}至今未回复。", "（{}）")), m)
    elif form == "mou_after_han":
        m = surname + rng.choice(("某", "某某"))
        s, a, b = _place(rng.choice(("物业经理{}至今未回复。", "村干部{}拒绝处理。")), m)
    else:
        s, a, b = _place(rng.choice(("署名：{}。", "留言人：{}。")), full)
    return s, a, b, {"form": form, "full": full}


def gen_mobile(rng):
    d = "1" + rng.choice("3456789") + _digits(rng, 9)
    spelling = rng.choice(("plain", "dash", "space", "+86", "+86-"))
    value = {"plain": d, "dash": f"{d[:3]}-{d[3:7]}-{d[7:]}", "space": f"{d[:3]} {d[3:7]} {d[7:]}",
             "+86": "+86 " + d, "+86-": f"+86-{d[:3]}-{d[3:7]}-{d[7:]}"}[spelling]
    s, a, b = _place(rng.choice(("联系电话：{}。", "我的手机{}，", "电话{}，盼回复。", "有事请打{}。")), value)
    return s, a, b, {"form": spelling}


def gen_landline(rng):
    area = rng.choice(("0731", "0731", "0730", "0737", "010", "020"))
    local = rng.choice("2345678") + _digits(rng, rng.choice((6, 7)))
    spelling = rng.choice(("dash", "paren", "space", "fullwidth", "ext", "bare"))
    if spelling == "bare":
        return (*_place(rng.choice(("电话：{}。", "座机{}。")), local), {"form": spelling})
    value = {"dash": f"{area}-{local}", "paren": f"({area}){local}", "space": f"{area} {local}",
             "fullwidth": f"{area}－{local}", "ext": f"{area}-{local}转{rng.randint(100, 999)}"}[spelling]
    s, a, b = _place(rng.choice(("办公电话{}。", "联系座机：{}。", "拨打{}无人接听。")), value)
    return s, a, b, {"form": spelling}


def gen_id(rng):
    s, a, b = _place(rng.choice(("身份证号：{}。", "我的身份证号码{}，", "身份证{}。")), _id_number(rng))
    return s, a, b, {"form": "18"}


def gen_bank(rng):
    number = _luhn_number(rng, rng.choice((16, 19)))
    grouped = rng.random() < 0.4
    value = _group4(number) if grouped else number
    s, a, b = _place(rng.choice(("银行卡号：{}。", "工资卡{}至今没有到账。", "补贴打到卡号{}上。")), value)
    return s, a, b, {"form": f"{len(number)}{'g' if grouped else ''}"}


def gen_email(rng):
    if rng.random() < 0.4:
        local = str(rng.randint(10 ** 5, 10 ** 10))
    else:
        local = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 8)))
        if rng.random() < 0.5:
            local += rng.choice(("_", ".", "")) + str(rng.randint(1, 2020))
    value = f"{local}@{rng.choice(DOMAINS)}"
    s, a, b = _place(rng.choice(("邮箱：{}。", "可发邮件至{}，", "我的邮箱是{}。")), value)
    return s, a, b, {"form": "email"}


def gen_plate(rng):
    letter = rng.choice(PLATE_LETTERS)
    chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    form = rng.choice(("digits", "mixed", "newenergy", "dot"))
    if form == "digits":
        body = _digits(rng, 5)
    elif form == "newenergy":
        body = rng.choice("DF") + _digits(rng, 5)
    else:
        body = rng.choice(chars[:24]) + "".join(rng.choice(chars) for _ in range(4))
    value = f"湘{letter}{'·' if form == 'dot' else ''}{body}"
    s, a, b = _place(rng.choice(("车牌号为{}的车辆长期占用消防通道。", "一辆{}的货车每晚鸣笛。", "肇事车辆{}逃逸。")), value, body)
    return s, a, b, {"form": form}


def gen_house(rng):
    n = lambda lo, hi: str(rng.randint(lo, hi))  # noqa: E731
    form = rng.choice(("dong_unit_room", "hao_unit_room", "chinese", "dong_room", "unit_no_room", "lou_ceng"))
    value = {
        "dong_unit_room": f"{n(1, 30)}栋{n(1, 6)}单元{n(1, 30)}0{n(1, 4)}室",
        "hao_unit_room": f"{n(1, 30)}号楼{n(1, 6)}单元{n(1, 30)}0{n(1, 4)}室",
        "chinese": f"{rng.choice(CN_NUM)}栋{rng.choice(CN_NUM)}单元{n(1, 9)}0{n(1, 4)}室",
        "dong_room": f"{n(1, 30)}栋{n(1, 30)}0{n(1, 4)}室",
        "unit_no_room": f"{n(1, 30)}栋{n(1, 6)}单元{n(1, 30)}0{n(1, 4)}",
        "lou_ceng": f"{n(1, 30)}号楼{n(2, 30)}层{n(1, 4)}号房",
    }[form]
    s, a, b = _place(rng.choice(("我家住在幸福小区{}，", "我住{}，楼上漏水。", "业主住在{}。")), value)
    return s, a, b, {"form": form}


def gen_id_bad(rng):
    s, a, b = _place(rng.choice(("订单号{}。", "身份证号：{}。", "快递单号{}，")), _id_number(rng, valid=False))
    return s, a, b, {"form": "bad check"}


def gen_card_bad(rng):
    s, a, b = _place(rng.choice(("流水号{}。", "订单编号：{}。", "卡号{}。")), _luhn_number(rng, rng.choice((16, 19)), False))
    return s, a, b, {"form": "no luhn"}


GENERATORS = {k: globals()["gen_" + k] for k in KINDS + NEGATIVES}


def augment(text, kinds, rng):
    """text with one sentence per kind inserted at sentence boundaries; entities with spans."""
    cuts = sorted({0, len(text), *(m.end() for m in BOUNDARY.finditer(text))})
    chosen = sorted(rng.sample(cuts, min(len(kinds), len(cuts))) if len(cuts) >= len(kinds)
                    else [rng.choice(cuts) for _ in kinds])
    out, entities, pos, shift = [], [], 0, 0
    for cut, kind in zip(chosen, kinds):
        out.append(text[pos:cut])
        shift += cut - pos
        sentence, a, b, info = GENERATORS[kind](rng)
        entities.append({"kind": kind, "start": shift + a, "end": shift + b,
                         "s_start": shift, "s_end": shift + len(sentence), **info})
        out.append(sentence)
        shift += len(sentence)
        pos = cut
    out.append(text[pos:])
    return "".join(out), entities


def judge(kind, masked):
    """A first reading of a mask on original text: 'not personal' for the cases this bench knows
    are wrong (household counts 几百户 / 522户, a flat type 二室), 'location' for a building and
    unit without a flat, otherwise 'personal?' (read it)."""
    if kind == "house" and (masked.endswith("户") or re.fullmatch(r"[一二三四五六七八九两]室", masked)):
        return "not personal"
    if kind == "house" and not re.search(r"室|号房|户", masked):
        return "location"
    return "personal?"


def covered(text, start, end, found):
    need = [i for i in range(start, end) if text[i].isalnum()]
    hit = [i for i in need if any(s.start <= i < s.end for s in found)]
    return len(hit) == len(need), bool(hit)


def pct(a, b):
    return f"{100 * a / b:5.1f} %" if b else "    –"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="messages sampled (default 300)")
    ap.add_argument("--per", type=int, default=2, help="entities inserted per message (default 2)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--show", type=int, default=8, help="false positives shown (default 8)")
    args = ap.parse_args(argv)

    folder = need_data()
    corpus = load_messages(folder)
    rng = random.Random(args.seed)
    pool = [t for t in corpus if len(t) >= 40]
    sample = rng.sample(pool, min(args.n, len(pool)))
    bag = [k for k, w in WEIGHTS.items() for _ in range(w)]
    queue: list[str] = []

    inserted, found, partial, wrong_kind = Counter(), Counter(), Counter(), Counter()
    masked_neg = Counter()
    pred, pred_ok = Counter(), Counter()
    fp_examples, misses = [], defaultdict(list)
    orig, pred_orig_fp = Counter(), Counter()
    names_known_found = names_total = 0
    forms = defaultdict(Counter)

    for text in sample:
        kinds = []
        for _ in range(args.per):
            if not queue:
                queue = bag[:]
                rng.shuffle(queue)
            kinds.append(queue.pop())
        augmented, entities = augment(text, kinds, rng)
        got = spans(augmented)
        for e in entities:
            inside = [s for s in got if s.start < e["end"] and e["start"] < s.end]
            full, some = covered(augmented, e["start"], e["end"], inside)
            if e["kind"] in NEGATIVES:
                inserted[e["kind"]] += 1
                masked_neg[e["kind"]] += some
                continue
            inserted[e["kind"]] += 1
            forms[e["kind"]][(e["form"], full)] += 1
            if full:
                found[e["kind"]] += 1
                if any(s.kind != e["kind"] for s in inside):
                    wrong_kind[e["kind"]] += 1
            else:
                partial[e["kind"]] += some
                misses[e["kind"]].append(augmented[max(0, e["start"] - 6):e["end"] + 4].replace("\n", " "))
            if e["kind"] == "name" and "full" in e and e["form"] not in ("title", "mou", "mou_after_han"):
                names_total += 1
                known = spans(augmented, names=[e["full"]])
                names_known_found += covered(augmented, e["start"], e["end"],
                                             [s for s in known if s.start < e["end"] and e["start"] < s.end])[0]
        positives = [e for e in entities if e["kind"] not in NEGATIVES]
        for s in got:
            if any(s.start < e["end"] and e["start"] < s.end for e in positives):
                pred[s.kind] += 1
                pred_ok[s.kind] += 1
            elif any(s.start < e["s_end"] and e["s_start"] < s.end for e in entities):
                pred[s.kind] += 1  # a look-alike or the words around an inserted entity
                fp_examples.append(("inserted", augmented[max(0, s.start - 8):s.end + 8].replace("\n", " "), [s.kind]))
            else:  # original text: judged below
                verdict = judge(s.kind, augmented[s.start:s.end])
                orig[s.kind, verdict] += 1
                if verdict == "not personal":
                    pred_orig_fp[s.kind] += 1

    print(f"redact_eval: {len(sample)} messages (seed {args.seed}), {sum(inserted.values())} inserted entities "
          f"({sum(inserted[k] for k in KINDS)} to mask, {sum(inserted[k] for k in NEGATIVES)} look-alikes)\n")
    print("precision: among masks on inserted sentences (entities and look-alikes); 'orig FP' = masks on the\n"
          "original text judged not personal, 'with orig' = precision counting those too\n")
    print(f"{'type':10} {'inserted':>8} {'found':>6} {'partial':>7} {'recall':>8}   {'masks':>5} {'correct':>7} "
          f"{'precision':>9} {'orig FP':>7} {'with orig':>9}")
    rows = [(k, inserted[k], found[k], partial[k], pred[k], pred_ok[k], pred_orig_fp[k]) for k in KINDS]
    rows.append(("all", *(sum(r[i] for r in rows) for i in range(1, 7))))
    for k, ins, fnd, par, prd, ok, ofp in rows:
        print(f"{k:10} {ins:8d} {fnd:6d} {par:7d} {pct(fnd, ins):>8}   {prd:5d} {ok:7d} {pct(ok, prd):>9} "
              f"{ofp:7d} {pct(ok, prd + ofp):>9}")
    num = ("mobile", "landline", "id", "bank")
    ni, nf = sum(inserted[k] for k in num), sum(found[k] for k in num)
    print(f"\nnumbers (phone/ID/card) recall: {nf}/{ni} = {pct(nf, ni).strip()}")
    print(f"names recall (patterns only):   {found['name']}/{inserted['name']} = {pct(found['name'], inserted['name']).strip()}")
    print(f"full names recall when passed as the writer's name: {names_known_found}/{names_total} = "
          f"{pct(names_known_found, names_total).strip()}")
    for k in NEGATIVES:
        print(f"look-alike {k}: {masked_neg[k]}/{inserted[k]} masked (should be 0)")
    if any(wrong_kind.values()):
        print("found under another kind:", dict(wrong_kind))

    print("\nrecall by form (found/inserted):")
    for k in KINDS:
        by = defaultdict(lambda: [0, 0])
        for (form, ok), c in forms[k].items():
            by[form][1] += c
            by[form][0] += c if ok else 0
        print(f"  {k:9}", ", ".join(f"{f} {a}/{b}" for f, (a, b) in sorted(by.items())))
    print("\nsome misses:")
    for k in KINDS:
        for m in misses[k][:3]:
            print(f"  {k:9} …{m}…")

    # untouched originals: the sample alone, then the whole corpus
    orig_hits = Counter((s.kind, judge(s.kind, t[s.start:s.end])) for t in sample for s in spans(t))
    print(f"\nmasks on the {len(sample)} untouched sample messages: {sum(orig_hits.values())}")
    for (k, v), c in sorted(orig_hits.items()):
        print(f"  {k:9} {v:13} {c}")
    all_judged = Counter((s.kind, judge(s.kind, t[s.start:s.end])) for t in corpus for s in spans(t))
    all_hits, shown = Counter(), defaultdict(list)
    for t in corpus:
        for s in spans(t):
            all_hits[s.kind] += 1
            if len(shown[s.kind]) < args.show:
                shown[s.kind].append(t[max(0, s.start - 10):s.end + 6].replace("\n", " ").replace("\t", " "))
    print(f"masks on all {len(corpus)} corpus messages with a detail: {sum(all_hits.values())} {dict(all_hits)}")
    print("  judged:", ", ".join(f"{k} {v} {c}" for (k, v), c in sorted(all_judged.items())))
    for k, ex in shown.items():
        for x in ex:
            print(f"  {k:9} …{x}…")
    print(f"\nfalse positives in the augmented sample ({len(fp_examples)}), first {args.show}:")
    for where, txt, ks in fp_examples[:args.show]:
        print(f"  {where:10} {ks} …{txt}…")
    return {"inserted": inserted, "found": found, "pred": pred, "pred_ok": pred_ok, "masked_neg": masked_neg,
            "orig": orig_hits}


if __name__ == "__main__":
    main()
