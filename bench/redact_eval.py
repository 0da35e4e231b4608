"""Recall and precision of minpan.redaction on real messages with planted personal data.

    .venv/bin/python bench/redact_eval.py [--n 600] [--per 3] [--seed 2026] [--show 12]

Takes N teddy2020c messages (domain_train.csv + domain_dev.csv, column detail, ≥ 40
characters, fixed seed) and plants, at sentence boundaries, short sentences each carrying one
labelled entity in one of several spellings, remembering the characters that must be hidden:

  mobile    138…, 138-1234-5678, 1381-234-5678, 138.1234.5678, +86 / 0086 / 86, full-width
            digits, spaces or a line break anywhere
  landline  0475-8123456, (0475)8123456, 0475 8123456, …转808, full-width, 电话：8123456
  id        18 digits with a right or wrong check digit (…X), 15 digits, spaced, dashed, full-width
  bank      16/19-digit cards, Luhn-valid or after 卡号/银行卡/账号, plain or grouped
  account   户号/社保号/医保号/公积金账号/会员号 + number;  serial: 学号/工号/准考证号/病历号 …
  email, wechat (微信号/VX/wx), qq (QQ/扣扣), weibo (微博@name, 微博ID)
  plate     湘A12345, 蒙G·A1234, new-energy 粤B·D12345 (the part after the letter)
  house     幸福路88号, 幸福家园小区5栋, …5栋2单元501室, 住3号楼501, 2单元601, 三组12号 (the numbers)
  name      我是/我叫/本人/留言人 + name (2, 3 characters, compound), relatives and neighbours +
            name, 姓 + 先生/女士…, X某, greetings quoted in a reply (王小明同志：您好)
  birth     1985年3月12日出生, 出生日期：1985-03-12, 王小明，男，1985.3.12
  known     the writer's own details passed as names/extra, repeated in another spelling
            (phone with dots, ID spaced, the address's door part, the employer, the name spaced)

and look-alikes that must stay: dates, amounts, document numbers, order/tracking numbers after
their label, a unit's duty phone passed in `keep`, hotlines, building-only mentions,
percentages, areas, years.

Found = the predicted spans cover every digit, letter and Han character of the entity.
Precision = masks that overlap a planted entity / masks that touch planted text (a mask on a
planted sentence overlapping no entity, e.g. a look-alike, is a false positive). Masks on the
untouched originals are counted and a sample printed for reading (they may be real data).
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

from bench.shared_data import SHARED_DATA as DATA  # noqa: E402
from minpan.redaction import spans  # noqa: E402

FILES = ("domain_train.csv", "domain_dev.csv")
KINDS = ("mobile", "landline", "id", "bank", "account", "serial", "email", "wechat", "qq", "weibo", "plate",
         "house", "name", "birth", "known")
LOOKALIKES = ("date", "amount", "docno", "order", "official", "hotline", "building", "figure")
BOUNDARY = re.compile(r"[。！？；!?]|\n")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈谭廖"
COMPOUND = ("欧阳", "司马", "上官", "诸葛")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀英华刚桂霞玉建国文辉鹏婷雪琳晨浩宇欣怡志海波斌俊丹萍亮春梅燕嘉子涵梓轩"
AREAS = ("430102", "430103", "430111", "430121", "430181", "430202", "430302", "150525", "110101", "320106")
DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "hotmail.com", "foxmail.com", "139.com", "gmail.com")
ROADS = ("幸福路", "人民路", "建设大道", "解放西路", "五一大道", "芙蓉中路", "劳动东路", "桐梓坡路", "望城街", "南湖巷")
ESTATES = ("幸福家园小区", "阳光花园", "金色家园", "湘江世纪城", "丽发新城", "伊景园", "碧桂园", "万科城", "恒大华府",
           "梅溪湖公寓", "东方名苑")
RELATIONS = ("我儿子", "我女儿", "我父亲", "我母亲", "我爸爸", "我妈妈", "我丈夫", "我妻子", "我老公", "我爱人",
             "我的孩子", "我哥哥", "我妹妹", "我奶奶", "我外婆", "邻居", "同事", "室友", "患者", "病人", "学生",
             "同学", "房东", "租户", "我的邻居")
TITLES = ("先生", "女士", "老师", "医生", "师傅", "阿姨")
FW = str.maketrans("0123456789", "０１２３４５６７８９")


def need_data() -> Path:
    folder = DATA / "teddy2020c"
    if not all((folder / f).is_file() for f in FILES):
        sys.exit(f"redact_eval: the shared data is absent ({folder}/{FILES[0]} not found); nothing to measure. "
                 "Put the teddy2020c files under ../shared/data, or name their parent in MINPAN_SHARED_DATA.")
    return folder


def load_messages(folder: Path) -> list[str]:
    out = []
    for name in FILES:
        with open(folder / name, encoding="utf-8", newline="") as fh:
            out += [(row.get("detail") or "").strip() for row in csv.DictReader(fh)]
    return [t for t in out if t]


class Plant:
    """One planted sentence: its text, the spans inside it that must be hidden, and what the
    redactor is told (names / extra / keep), as the portal would tell it."""

    def __init__(self, kind, form):
        self.kind, self.form, self.text, self.marks = kind, form, "", []
        self.names, self.extra, self.keep = [], [], []

    def add(self, s, hidden=False):
        if hidden:
            self.marks.append((len(self.text), len(self.text) + len(s)))
        self.text += s
        return self


def _d(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def _name(rng, length=None):
    surname = rng.choice(COMPOUND) if rng.random() < 0.06 else rng.choice(SURNAMES)
    n = length or (1 if rng.random() < 0.4 else 2)
    return surname, "".join(rng.choice(GIVEN) for _ in range(n))


def _id(rng, valid=True):
    birth = f"{rng.randint(1940, 2008)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = rng.choice(AREAS) + birth + _d(rng, 3)
    check = "10X98765432"[sum(int(a) * w for a, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2))) % 11]
    return body + (check if valid else rng.choice([c for c in "0123456789" if c != check]))


def _luhn(rng, length, valid=True):
    while True:
        n = rng.choice(("622202", "622848", "621700", "622588", "436742", "622609", "621226")) + _d(rng, length - 6)
        total = sum((int(c) * 2 - 9 if int(c) > 4 else int(c) * 2) if i % 2 else int(c) for i, c in enumerate(reversed(n)))
        if (total % 10 == 0) == valid:
            return n


def _split_anywhere(rng, s, sep):
    cut = rng.randint(2, len(s) - 2)
    return s[:cut] + sep + s[cut:]


def _mobile_spellings(rng, d):
    return {
        "plain": d, "dash344": f"{d[:3]}-{d[3:7]}-{d[7:]}", "dash434": f"{d[:4]}-{d[4:7]}-{d[7:]}",
        "space": f"{d[:3]} {d[3:7]} {d[7:]}", "dots": f"{d[:3]}.{d[3:7]}.{d[7:]}", "fullwidth": d.translate(FW),
        "linebreak": _split_anywhere(rng, d, "\n"), "spaces": _split_anywhere(rng, _split_anywhere(rng, d, " "), " "),
    }


def gen_mobile(rng):
    d = "1" + rng.choice("3456789") + _d(rng, 9)
    form = rng.choice(("plain", "dash344", "dash434", "space", "dots", "fullwidth", "linebreak", "spaces", "+86",
                       "0086", "86"))
    p = Plant("mobile", form).add(rng.choice(("联系电话：", "我的手机", "有事请打", "手机号码是", "请回电", "本人电话 ")))
    if form in ("+86", "0086", "86"):
        p.add({"+86": "+86 ", "0086": "0086-", "86": "86"}[form])
        p.add(d, True)
    else:
        p.add(_mobile_spellings(rng, d)[form], True)
    return p.add(rng.choice(("。", "，盼回复。", "（白天）。", "，谢谢！")))


def gen_landline(rng):
    area = rng.choice(("0731", "0730", "0737", "0475", "010", "020"))
    local = rng.choice("2345678") + _d(rng, 6 if len(area) == 4 else 7)
    form = rng.choice(("dash", "paren", "space", "ext", "bare", "fullwidth"))
    p = Plant("landline", form)
    if form == "bare":
        return p.add(rng.choice(("电话：", "座机", "联系方式："))).add(local, True).add("。")
    value = {"dash": f"{area}-{local}", "paren": f"({area}){local}", "space": f"{area} {local}",
             "ext": f"{area}-{local}", "fullwidth": f"{area}－{local}".translate(FW)}[form]
    p.add(rng.choice(("家里座机", "联系座机：", "我家电话", "晚上可打"))).add(value, True)
    if form == "ext":
        p.add(f"转{rng.randint(100, 999)}")
    return p.add("。")


def gen_id(rng):
    form = rng.choice(("valid", "wrong_check", "spaced", "dashed", "fullwidth", "15", "x"))
    n = _id(rng, form != "wrong_check")
    while form == "x" and not n.endswith("X"):
        n = _id(rng)
    if form == "15":
        n = n[:6] + n[8:17]
    value = {"spaced": f"{n[:6]} {n[6:14]} {n[14:]}", "dashed": f"{n[:6]}-{n[6:14]}-{n[14:]}",
             "fullwidth": n.translate(FW)}.get(form, n)
    p = Plant("id", form).add(rng.choice(("身份证号：", "我的身份证号码", "身份证", "证件号码是", "本人身份证 ")))
    return p.add(value, True).add(rng.choice(("。", "，请核实。", "，至今未办好。")))


def gen_bank(rng):
    form = rng.choice(("luhn16", "luhn19", "grouped", "label_no_luhn"))
    n = _luhn(rng, 19 if form == "luhn19" else rng.choice((16, 19)), form != "label_no_luhn")
    value = " ".join(n[i:i + 4] for i in range(0, len(n), 4)) if form == "grouped" else n
    cue = rng.choice(("银行卡号：", "补贴打到卡号", "工资卡", "我的银行账号")) if form == "label_no_luhn" else \
        rng.choice(("银行卡号：", "工资卡", "补贴打到", "卡号 ", "存入"))
    return Plant("bank", form).add(cue).add(value, True).add(rng.choice(("上了。", "，至今没有到账。", "。")))


def gen_account(rng):
    label = rng.choice(("户号", "社保号", "医保号", "公积金账号", "会员号", "燃气户号", "客户号"))
    value = _d(rng, rng.randint(8, 12))
    return Plant("account", label).add(rng.choice(("我的", "", "家里"))).add(label + rng.choice(("：", "是", " ", ""))) \
        .add(value, True).add(rng.choice(("，", "。", "，查不到记录。")))


def gen_serial(rng):
    label = rng.choice(("学号", "工号", "员工号", "职工号", "准考证号", "考生号", "病历号", "住院号"))
    value = rng.choice((_d(rng, rng.randint(6, 12)), rng.choice("ABCDZ") + _d(rng, 6)))
    return Plant("serial", label).add(rng.choice(("孩子", "我的", "本人", ""))).add(label + rng.choice(("：", "是", ""))) \
        .add(value, True).add(rng.choice(("。", "，", "，请查询。")))


def gen_email(rng):
    local = str(rng.randint(10 ** 5, 10 ** 10)) if rng.random() < 0.4 else \
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 8))) + rng.choice(("", "_88", ".li", "2019"))
    return Plant("email", "email").add(rng.choice(("邮箱：", "可发邮件至", "我的邮箱是", "回复请发 "))) \
        .add(f"{local}@{rng.choice(DOMAINS)}", True).add(rng.choice(("。", "，谢谢。", " 。")))


def gen_wechat(rng):
    cue = rng.choice(("微信：", "微信号", "我的微信号是", "VX：", "vx ", "wx:", "加微信"))
    value = rng.choice("abcdefghijklmnopqrstuvwxyz") + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789_") for _ in range(rng.randint(5, 12)))
    return Plant("wechat", cue.strip("：: ")).add(cue).add(value, True).add(rng.choice(("。", "，随时联系。", " 联系我。")))


def gen_qq(rng):
    cue = rng.choice(("QQ：", "QQ", "qq号", "扣扣", "我的QQ是", "qq:"))
    return Plant("qq", cue.strip("：:")).add(cue).add(str(rng.randint(10 ** 4, 10 ** 10)), True).add(rng.choice(("。", "，")))


def gen_weibo(rng):
    form = rng.choice(("at", "id"))
    p = Plant("weibo", form)
    if form == "at":
        handle = rng.choice(("", "小")) + "".join(rng.choice(GIVEN) for _ in range(2)) + rng.choice(("爱吃鱼", "_CS", "2020", "在长沙"))
        return p.add(rng.choice(("我在微博", "微博", "微博上"))).add("@" + handle, True).add(rng.choice(("，", " 已发帖。", "。")))
    return p.add(rng.choice(("微博ID：", "微博号", "微博 "))).add(str(rng.randint(10 ** 8, 10 ** 10)), True).add("。")


def gen_plate(rng):
    letter = rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ")
    form = rng.choice(("digits", "mixed", "newenergy", "dot"))
    body = {"digits": _d(rng, 5), "newenergy": rng.choice("DF") + _d(rng, 5)}.get(form) or \
        rng.choice("ABCDEFGHJKLMN") + _d(rng, 4)
    prov = rng.choice("湘京粤蒙鄂")
    p = Plant("plate", form).add(rng.choice(("车牌号为", "一辆", "肇事车辆", "我的车"))).add(prov + letter + ("·" if form == "dot" else ""))
    return p.add(body[:-2], True).add(body[-2:]).add(rng.choice(("的车辆长期占用消防通道。", "的货车每晚鸣笛。", "逃逸了。")))


def gen_house(rng):
    n = lambda a, b: str(rng.randint(a, b))  # noqa: E731
    form = rng.choice(("road", "estate_building", "full", "zhu_flat", "unit_flat", "village", "chinese", "room",
                       "no_room", "floor_no", "dashed", "road_building"))
    p = Plant("house", form)
    if form == "no_room":
        return p.add(rng.choice(("我住在", "家住"))).add(rng.choice(ESTATES)).add(n(1, 30), True).add("栋") \
            .add(n(1, 6), True).add("单元").add(n(1, 30) + "0" + n(1, 4), True).add("，")
    if form == "floor_no":
        return p.add(rng.choice(("我家在", "住"))).add(n(1, 30), True).add("栋").add(n(1, 6), True).add("单元") \
            .add(n(2, 30), True).add("楼").add(n(1, 4), True).add("号，")
    if form == "dashed":
        return p.add("住" + rng.choice(ESTATES)).add(f"{n(1, 30)}-{n(1, 6)}-{n(1, 30)}0{n(1, 4)}", True).add("，")
    if form == "road_building":
        return p.add(rng.choice(("地址：", "住在"))).add(rng.choice(ROADS)).add(n(1, 300), True).add("号") \
            .add(n(1, 20), True).add("栋，")
    if form == "road":
        return p.add(rng.choice(("我家住在", "我住", "地址：", "门店在"))).add(rng.choice(ROADS)).add(n(1, 399), True).add("号。")
    if form == "estate_building":
        return p.add(rng.choice(("我住", "我家在", "住址："))).add(rng.choice(ESTATES)).add(n(1, 30), True).add(rng.choice(("栋", "号楼", "幢"))).add("，")
    if form == "full":
        p.add(rng.choice(("家住", "我住在", "地址："))).add(rng.choice(ESTATES)).add(n(1, 30), True).add("栋")
        return p.add(n(1, 6), True).add("单元").add(n(1, 30) + "0" + n(1, 4), True).add("室，")
    if form == "zhu_flat":
        return p.add(rng.choice(("我住", "住在", "本人住"))).add(n(1, 30), True).add("号楼").add(n(1, 30) + "0" + n(1, 4), True).add("，楼上漏水。")
    if form == "unit_flat":
        return p.add(rng.choice(("我家", "业主家在", "住"))).add(n(1, 6), True).add("单元").add(n(1, 30) + "0" + n(1, 4), True).add("，")
    if form == "village":
        return p.add(rng.choice(("住在", "家住", "我是"))).add(rng.choice(("张家村", "石门村", "新农村"))).add(rng.choice("一二三四五六七八")) \
            .add(rng.choice(("组", "村民小组"))).add(n(1, 99), True).add("号，")
    if form == "chinese":
        return p.add("家住" + rng.choice(ESTATES)).add(rng.choice("一二三四五六七八九"), True).add("栋") \
            .add(rng.choice("一二三四五六"), True).add("单元").add(n(1, 9) + "0" + n(1, 4), True).add("室。")
    return p.add(rng.choice(("住", "我住在", "他家住"))).add(n(1, 30) + "0" + n(1, 4), True).add("室，")


def gen_name(rng):
    form = rng.choice(("self", "self", "third", "third", "title", "mou", "greeting", "full_title"))
    surname, given = _name(rng)
    p = Plant("name", form)
    if form == "self":
        cue = rng.choice(("我是", "我叫", "本人", "留言人：", "反映人：", "联系人："))
        return p.add(cue).add(surname + given, True).add(rng.choice((
            "，", "。", "，是本地居民。", "，家住附近。", "，今年45岁。", "（男），", " 反映如下：", "，联系方式见下。")))
    if form == "third":
        return p.add(rng.choice(RELATIONS)).add(rng.choice(("", "", "叫", "名叫", "："))).add(surname + given, True) \
            .add(rng.choice(("在学校被打了。", "经常半夜装修。", "今年八岁，", "住院一周了。", "，", "说没人管。",
                             "把我打伤了。", "和我吵架，", "一直拖欠工资。", "多次上门要钱。", "家的狗咬人。",
                             "（化名）", "已经三个月没回家。", "被车撞了。")))
    if form == "title":
        return p.add(rng.choice(("请", "社区的", "物业的", ""))).add(surname, True).add(rng.choice(TITLES)) \
            .add(rng.choice(("多次反映此事。", "回电。", "说会处理。")))
    if form == "mou":
        return p.add(rng.choice(("，", "物业经理", "村干部", "（"))).add(surname + rng.choice(("某", "某某")), True) \
            .add(rng.choice(("称已上报。", "拒绝处理。", "至今未回复。")))
    if form == "greeting":
        full = surname + (given or "明")
        frame = rng.choice(("{}同志：您好！", "尊敬的{}：", "{}先生您好，", "{}您好！"))
        a = frame.index("{}")
        return p.add(frame[:a]).add(full, True).add(frame[a + 2:]).add("来信收悉。")
    return p.add(rng.choice(("感谢", "联系", ""))).add(surname + given, True).add(rng.choice(("先生", "女士"))).add("的来信。")


def gen_birth(rng):
    y, m, d = rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28)
    form = rng.choice(("chinese_birth", "label_dash", "birthday", "name_gender"))
    p = Plant("birth", form)
    if form == "chinese_birth":
        return p.add("本人").add(f"{y}年{m}月{d}日", True).add("出生，")
    if form == "label_dash":
        return p.add(rng.choice(("出生日期：", "出生年月："))).add(f"{y}-{m:02d}-{d:02d}", True).add("。")
    if form == "birthday":
        return p.add("生日是").add(f"{y}年{m}月{d}日", True).add("。")
    s, g = _name(rng, 2)
    return p.add("当事人").add(s + g, True).add("，男，").add(f"{y}.{m}.{d}", True).add("，")


def gen_known(rng):
    """The writer's registered details, repeated in the body in another spelling."""
    form = rng.choice(("phone", "id", "address", "employer", "name_spaced"))
    p = Plant("known", form)
    if form == "phone":
        d = "1" + rng.choice("3456789") + _d(rng, 9)
        p.extra.append(d)
        return p.add("再说一遍我的电话").add(rng.choice(list(_mobile_spellings(rng, d).values())), True).add("。")
    if form == "id":
        n = _id(rng, rng.random() < 0.5)
        p.extra.append(n)
        return p.add("证件").add(f"{n[:6]} {n[6:10]} {n[10:14]} {n[14:]}", True).add("已交。")
    if form == "address":
        road, num, estate, b = rng.choice(ROADS), str(rng.randint(1, 300)), rng.choice(ESTATES), str(rng.randint(1, 30))
        p.extra.append(f"{road}{num}号{estate}{b}栋")
        return p.add(estate).add(b, True).add("栋有上万居民，").add(road).add(num, True).add("号门口积水。")
    if form == "employer":
        unit = rng.choice(("A市第一中学", "长沙某某建材有限公司", "A3区人民医院", "湘江物流公司"))
        p.extra.append(unit)
        return p.add("我在").add(unit, True).add("上班。")
    s, g = _name(rng, 2)
    p.names.append(s + g)
    return p.add("我").add(" ".join(s + g), True).add("再次反映。")


# ---- look-alikes: planted text with nothing to hide --------------------------------------

def gen_lookalike(rng, kind):
    p = Plant(kind, kind)
    if kind == "date":
        when = rng.choice(("2026年3月12日", "2019-10-08", "2020.01.15", "2018年5月", "去年12月3号"))
        return p.add(when).add(rng.choice(("开始施工。", "至今未解决。", "已经申请。")))
    if kind == "amount":
        return p.add(rng.choice(("欠薪12000元", "罚款¥3,500.00", "补贴2,400元", "押金8000元", "损失约15.6万元"))).add("。")
    if kind == "docno":
        return p.add(rng.choice(("依据通政办发〔2023〕12号文件", "湘政发〔2019〕5号", "文号：A政办〔2020〕108号", "第3号令"))).add("。")
    if kind == "order":
        label = rng.choice(("订单号", "快递单号", "运单号", "发票号码", "流水号"))
        return p.add(label + rng.choice(("：", ""))).add(rng.choice((_id(rng), _luhn(rng, 16), _d(rng, 15)))).add("。")
    if kind == "official":
        phone = rng.choice(("0475-8888888", "0731-88665522", "0731-12345678"))
        p.keep.append(phone)
        return p.add("如有疑问请拨打我局值班电话").add(rng.choice((phone, phone.replace("-", " ")))).add("。")
    if kind == "hotline":
        return p.add(rng.choice(("已拨打12345", "打过12315", "报警110", "叫了120", "反映到12369"))).add("，无人处理。")
    if kind == "building":
        return p.add(rng.choice(("小区3号楼前的路灯坏了", "5栋楼下垃圾堆积", "12号楼旁边的下水道堵了", "地铁2号线"))).add("。")
    return p.add(rng.choice(("增长了35%", "面积120平方米", "2019年", "共有300户", "第3期", "三室两厅"))).add("。")


GENERATORS = {k: globals()["gen_" + k] for k in KINDS}


def plant(text, plants, rng):
    cuts = sorted({0, len(text), *(m.end() for m in BOUNDARY.finditer(text))})
    chosen = sorted(rng.choice(cuts) for _ in plants)
    out, where, pos, shift = [], [], 0, 0
    for cut, p in zip(chosen, plants):
        out.append(text[pos:cut])
        shift += cut - pos
        where.append(shift)
        out.append(p.text)
        shift += len(p.text)
        pos = cut
    out.append(text[pos:])
    return "".join(out), where


def covered(text, a, b, found):
    need = [i for i in range(a, b) if text[i].isalnum()]
    return all(any(s.start <= i < s.end for s in found) for i in need)


def pct(a, b):
    return f"{100 * a / b:.1f} %" if b else "–"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=600, help="messages sampled (default 600)")
    ap.add_argument("--per", type=int, default=3, help="planted sentences per message (default 3)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--show", type=int, default=12, help="misses, false positives and original masks shown")
    args = ap.parse_args(argv)

    corpus = load_messages(need_data())
    rng = random.Random(args.seed)
    sample = rng.sample([t for t in corpus if len(t) >= 40], args.n)
    bag = list(KINDS) * 3 + list(LOOKALIKES)  # three entities for each look-alike
    queue: list[str] = []
    planted, found, fp, tp_masks = Counter(), Counter(), Counter(), Counter()
    by_form = defaultdict(Counter)
    misses, false_pos = defaultdict(list), []
    for text in sample:
        kinds = []
        for _ in range(args.per):
            if not queue:
                queue = bag[:]
                rng.shuffle(queue)
            kinds.append(queue.pop())
        plants = [GENERATORS[k](rng) if k in GENERATORS else gen_lookalike(rng, k) for k in kinds]
        augmented, where = plant(text, plants, rng)
        got = spans(augmented, names=[n for p in plants for n in p.names],
                    extra=[e for p in plants for e in p.extra], keep=[k for p in plants for k in p.keep])
        marks = [(w + a, w + b) for p, w in zip(plants, where) for a, b in p.marks]
        for p, w in zip(plants, where):
            planted[p.kind] += len(p.marks) and 1 or 1
            ok = all(covered(augmented, w + a, w + b, got) for a, b in p.marks)
            if p.marks:
                found[p.kind] += ok
                by_form[p.kind][p.form, ok] += 1
                if not ok:
                    misses[p.kind].append(p.text.replace("\n", "⏎"))
            for s in got:
                if s.start < w + len(p.text) and w < s.end:  # a mask touching this planted sentence
                    if any(s.start < b and a < s.end for a, b in marks):
                        tp_masks[p.kind] += 1
                    else:
                        fp[p.kind] += 1
                        false_pos.append(f"{p.kind}: {augmented[s.start - 6:s.end + 4]!r} → {s.kind}")

    report(args, sample, planted, found, tp_masks, fp, by_form, misses, false_pos)
    originals = Counter()
    shown = []
    for t in sample:
        for s in spans(t):
            originals[s.kind] += 1
            shown.append(f"{s.kind:8} …{t[max(0, s.start - 10):s.end + 6]}…".replace("\n", " "))
    print(f"\nmasks on the {len(sample)} untouched originals: {sum(originals.values())} {dict(originals)}; "
          f"a sample to read:")
    for line in random.Random(1).sample(shown, min(args.show, len(shown))):
        print("  " + line)
    return {"planted": planted, "found": found, "fp": fp, "tp_masks": tp_masks}


def report(args, sample, planted, found, tp_masks, fp, by_form, misses, false_pos):
    n_ent = sum(planted[k] for k in KINDS)
    print(f"redact_eval: {len(sample)} messages (seed {args.seed}), {n_ent} planted entities, "
          f"{sum(planted[k] for k in LOOKALIKES)} look-alikes\n")
    print(f"| {'category':9} | planted | found | recall | masks on planted text | false pos. | precision |")
    print("|---|---|---|---|---|---|---|")
    for k in KINDS + LOOKALIKES:
        rec = pct(found[k], planted[k]) if k in KINDS else "(must stay)"
        print(f"| {k:9} | {planted[k]} | {found[k] if k in KINDS else '–'} | {rec} | {tp_masks[k] + fp[k]} | {fp[k]} | "
              f"{pct(tp_masks[k], tp_masks[k] + fp[k])} |")
    tp, bad = sum(tp_masks.values()), sum(fp.values())
    print(f"| **all** | {n_ent} | {sum(found.values())} | {pct(sum(found.values()), n_ent)} | {tp + bad} | {bad} | "
          f"{pct(tp, tp + bad)} |")
    groups = {"phones": ("mobile", "landline", "known"), "IDs and cards": ("id", "bank"), "addresses": ("house",),
              "names": ("name",)}
    for label, ks in groups.items():
        a, b = sum(found[k] for k in ks), sum(planted[k] for k in ks)
        print(f"{label} recall: {a}/{b} = {pct(a, b)}")
    print(f"overall precision: {tp}/{tp + bad} = {pct(tp, tp + bad)}")
    print("\nrecall by spelling (found/planted):")
    for k in KINDS:
        forms = defaultdict(lambda: [0, 0])
        for (form, ok), c in by_form[k].items():
            forms[form][1] += c
            forms[form][0] += c if ok else 0
        print(f"  {k:9}", ", ".join(f"{f} {a}/{b}" for f, (a, b) in sorted(forms.items())))
    print("\nmisses:")
    for k in KINDS:
        for m in misses[k][:args.show]:
            print(f"  {k:9} {m}")
    print(f"\nfalse positives on planted text ({len(false_pos)}):")
    for line in false_pos[:args.show]:
        print("  " + line)


if __name__ == "__main__":
    main()
