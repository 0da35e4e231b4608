"""Names of people: the writer's own and the third parties a message mentions.

Names are only looked for where the words say a person follows: 我是 / 我叫 / 留言人：,
a relation (我儿子, 邻居, 患者 …), a title (李女士, 张伟先生), 王某某, or a greeting quoted back
in a reply (王小明同志：您好). Whether two or three characters after the cue are the name is
decided by what follows: punctuation or a word that starts a clause (在, 的, 经常 …) ends it.
A candidate that is a common ordinary word (房东, 高新, 马上) is no name.
"""
from __future__ import annotations

import re

from .lexicon import frequency, is_person_name
from .text import STOPS

COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
                     "夏侯", "令狐", "端木", "独孤", "南宫", "西门", "万俟", "闻人", "轩辕", "呼延")
# the commonest surnames (about 90% of the population)
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝"
)
# characters that end a name or are no part of one (grammar words, places, counters, kinship)
NOT_IN_NAME = set(
    "的了是在和与及或等不没也都就还又被把让给对向从自到为以而但却如若这那哪什么怎样多少几些每各某其此该本你我他她它"
    "们家人事物区县市镇乡村路街省府校院局厂店司民户员者部门处科所站场馆楼栋号室单元位个名次年月日时分秒里外内上下"
    "前后左右今去来说讲想要将已曾再才只很太更最会能可应需请因于即便把被叫称住现原男女岁零〇一二三四五六七八九十百千万"
    "两第儿爸妈爷奶哥姐弟妹叔姨舅婆公孙妻夫友邻居同事师生长总书记主任经理老板医护士警官组队井边考试业主先副姓"
)
# words that start a clause after a name: 王芳在 / 张伟经常 / 李强今年
STARTS_AFTER_NAME = set("的是在说于因和与及等被把将也都就要想来去到给对为从向今已还曾又同男女因今已每多现从家住")
# surnames that are far more often a grammar word (和, 向, 于 …): after a weak cue, only
# taken for a name when punctuation follows (我儿子和鼓励… is no name; 邻居向东， is)
AMBIGUOUS_SURNAMES = set("和向于应曾方明查成时单解全连关")
_SUR = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + SURNAMES + "])"
_HAN = "[\u4e00-\u9fff]"
NOT_NAMES = {"王府井", "高速公路", "高新区", "高速", "高中", "高考", "马路", "黄金", "金融", "安全"}

STRONG_CUES = ("我叫", "名叫", "本人叫", "我的名字叫", "我的名字是", "姓名", "联系人", "留言人", "反映人", "投诉人",
               "举报人", "求助人", "署名", "落款", "申请人", "当事人", "写信人", "来信人", "咨询人", "建议人")
WEAK_CUES = ("我是", "本人", "我叫做")
RELATIONS = ("儿子", "女儿", "父亲", "母亲", "爸爸", "妈妈", "丈夫", "妻子", "老公", "老婆", "爱人", "孩子", "哥哥",
             "姐姐", "弟弟", "妹妹", "爷爷", "奶奶", "外婆", "外公", "姥姥", "姥爷", "邻居", "同事", "室友", "患者",
             "病人", "学生", "同学", "房东", "租户", "儿媳", "女婿", "孙子", "孙女", "侄子", "侄女", "外甥", "朋友",
             "亲戚", "老伴", "舅舅", "姑姑", "叔叔", "伯伯", "婆婆", "公公", "岳父", "岳母", "家属", "业主", "员工",
             "租客", "承租人", "男友", "女友", "前夫", "前妻", "继父", "继母", "小孩", "宝宝", "犬子", "小女", "村民",
             "居民", "职工", "工友", "负责人", "法人", "法定代表人", "老板", "包工头", "村支书", "支书", "村主任",
             "经理", "主任", "书记", "校长", "老师", "医生", "护士", "司机", "保安", "会计", "组长", "队长", "村长")
TITLES = ("先生", "女士", "小姐", "老师", "医生", "师傅", "大爷", "大妈", "阿姨", "老先生", "老太太", "大姐", "大哥",
          "同志", "律师", "护士", "警官", "老板", "奶奶", "爷爷", "叔叔", "婶婶", "伯伯", "经理", "主任", "书记",
          "村长", "同学", "大夫", "师父", "老伯")
# 某 followed by these is "a certain day / unit", not a person: 于某日, 向某单位
_MOU_NOT_PERSON = tuple("日年月天时处地些种个位人村镇县市区街路店局项条") + ("单位", "公司", "部门", "小区", "医院", "学校",
                                                                   "机构", "银行", "企业", "方面")
_BEFORE_CUE = r"[\s:：是为叫]{0,3}"


def surname_at(text: str, i: int) -> int:
    """Length of the surname starting at i (0 if none)."""
    if text[i:i + 2] in COMPOUND_SURNAMES:
        return 2
    return 1 if i < len(text) and text[i] in SURNAMES else 0


def _follow_score(text: str, end: int) -> int:
    """How plausibly a name ends at `end`: punctuation or a clause word after it, or a common word."""
    if end >= len(text) or text[end] in STOPS:
        return 10 ** 9
    if text[end] in STARTS_AFTER_NAME or not "\u4e00" <= text[end] <= "\u9fff":
        return 10 ** 6
    return max(frequency(text[end:end + 2]), frequency(text[end:end + 3]))


def common_word(word: str) -> bool:
    """An ordinary word, not a name (the word list tags some words as names wrongly: 谢谢, 安静)."""
    f = frequency(word)
    return f >= 500 or (f >= 30 and not is_person_name(word))


def name_at(text: str, i: int, strong: bool = False, bounded: bool = False) -> int:
    """The length of a person's name starting at text[i] (surname + one or two characters), or 0.
    `strong`: the cue says a name must follow (姓名：), so a common word is still taken for one.
    `bounded`: the end is known (a title follows), so nothing after the name is asked for."""
    sl = surname_at(text, i)
    if not sl or (i > 0 and frequency(text[i - 1:i + 1]) >= 200 and not strong):
        return 0  # the surname is the end of a word: 感谢陈医生 has 谢 as no surname
    best, best_score = 0, 0
    for length in (sl + 2, sl + 1):
        word = text[i:i + length]
        given = word[sl:]
        if len(word) < length or not re.fullmatch(f"{_HAN}+", given) or set(given) & NOT_IN_NAME:
            continue
        if word in NOT_NAMES:
            continue
        score = _follow_score(text, i + length)
        if common_word(word) and not (strong and score >= 10 ** 6):
            continue
        if not strong and (score < 10 ** 9 or bounded) and (
                frequency(text[i + length - 1:i + length + 1]) >= 200  # would end inside a word: 陈历|来
                or (bounded and len(given) == 2 and frequency(given) >= 1000)  # 华|水泥老板
                or (length == sl + 2 and frequency(word[:2]) >= 1000)  # 谢谢|罗
                or text[i] in AMBIGUOUS_SURNAMES):
            continue
        if score > best_score:
            best, best_score = length, score
    if not (strong or bounded) and best_score < 50:
        return 0
    return best


def _at_cue(text: str, cue_end: int, strong: bool):
    """A name right after a cue (allowing ：, 是, 叫 between): (start, end) or None.
    我母亲叫X / 邻居名叫X say a name follows as firmly as 姓名：X."""
    m = re.compile(_BEFORE_CUE).match(text, cue_end)
    if m is None:  # cannot happen: every part of _BEFORE_CUE may be empty
        return None
    start = m.end()
    strong = strong or "叫" in m.group()
    length = name_at(text, start, strong) if start < len(text) else 0
    return (start, start + length) if length else None


def find_names(text: str, sh: str, known=()):
    """Every name the cues point at, and every occurrence of a known name: (start, end, 'name', replacement)."""
    yield from _known(sh, known)
    for cues, strong in ((STRONG_CUES, True), (WEAK_CUES, False), (RELATIONS, False)):
        for m in re.finditer("|".join(sorted(cues, key=len, reverse=True)), sh):
            found = _at_cue(sh, m.end(), strong)
            if found:
                yield found[0], found[1], "name", "某某"
    yield from _titled(sh)
    yield from _mou(sh)
    yield from _greeting(sh)
    # 包工头姓刘， / 一个姓王的 (老百姓 is no surname)
    for m in re.finditer(rf"(?<!百)姓({_SUR})(?=$|[^\u4e00-\u9fff]|的|先生|女士|师傅|老板|老师|医生)", sh):
        yield m.start(1), m.end(1), "name", "某"


def _known(sh: str, known):
    """The writer's name wherever it occurs, also spaced out (王 小 明) and the given name alone."""
    wanted = set()
    for name in known:
        name = re.sub(r"\s+", "", name or "")
        if len(name) < 2:
            continue
        wanted.add(name)
        sl = surname_at(name, 0) or 1
        if len(name) - sl >= 2 and re.fullmatch(f"{_HAN}+", name):
            wanted.add(name[sl:])
    for name in sorted(wanted, key=len, reverse=True):
        for m in re.finditer(r"\s*".join(map(re.escape, name)), sh):
            yield m.start(), m.end(), "name", "某某"


def _titled(sh: str):
    """李女士 → 某女士, 张伟先生 → 某某先生: the name before a title, the title kept."""
    for m in re.finditer("|".join(sorted(TITLES, key=len, reverse=True)), sh):
        t = m.start()
        for k in (4, 3, 2):
            i = t - k
            if i >= 0 and name_at(sh[:t], i, bounded=True) == k:
                yield i, t, "name", "某某"
                break
        else:
            if sh[max(0, t - 2):t] in COMPOUND_SURNAMES:
                yield t - 2, t, "name", "某"
                continue
            i = t - 1
            prev = sh[i - 1] if i > 0 else ""
            if i >= 0 and surname_at(sh, i) and not (prev and frequency(prev + sh[i]) >= 50) \
                    and frequency(sh[i:t + 1]) < 100 \
                    and not (sh[i] in AMBIGUOUS_SURNAMES and "\u4e00" <= prev <= "\u9fff" and prev not in "的位请找给问跟对是叫"):
                yield i, t, "name", "某"


def _mou(sh: str):
    """王某, 王某某 (already anonymised in the text, but the surname is still a clue)."""
    for m in re.finditer(rf"({_SUR})某某?", sh):
        after = sh[m.end():m.end() + 2]
        before = sh[m.start() - 1:m.start() + 1] if m.start() else ""
        if after.startswith(_MOU_NOT_PERSON) or (before and frequency(before) >= 200):
            continue
        yield m.start(), m.end(), "name", "某某"


_GREETING_TITLES = "同志|先生|女士|小姐|老师|市民|网友|师傅|大爷|阿姨|大姐"
_GREETING = re.compile(rf"(?:(?<=[\s，。：；！？、,.:;!?“”\"（(])|^)({_HAN}{{2,4}}?)(?:{_GREETING_TITLES})?[\s：:，,]*(?:您好|你好)",
                       re.M)
# a reply that opens with the writer's name and a colon: 王小明：你反映的问题…
_ADDRESSED = re.compile(rf"(?:(?<=[\s！!。，,])|^)({_HAN}{{2,4}}?)(?:{_GREETING_TITLES})?[：:]\s*(?:你|您)", re.M)
_HONOURED = re.compile(rf"尊敬的({_HAN}{{2,4}}?)(?:{_GREETING_TITLES})?[：:，,！!]")


def _greeting(sh: str):
    """The writer's name quoted back in a reply: 王小明同志：您好 / 尊敬的王小明："""
    for pattern in (_GREETING, _HONOURED, _ADDRESSED):
        for m in pattern.finditer(sh):
            word = m.group(1)
            sl = surname_at(word, 0)
            if sl and len(word) - sl in (1, 2) and not (set(word[sl:]) & NOT_IN_NAME) and not common_word(word):
                yield m.start(1), m.end(1), "name", "某某"
