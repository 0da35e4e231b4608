"""Hot topics (热点问题): messages of a period grouped by the same place and the same problem, ranked.
Pure: no Django, no database.

A topic is "the same place + the same problem": A5区魅力之城小区 · 油烟噪音扰民. Each message gets
- its places: the anonymised codes (A市, A3区, A7县) and named places found by their endings
  (…小区, …花园, …苑, …城, …街道, …村, …路, …学院 …), from the title, else from the body;
- its problem: TF-IDF of the text with those places masked out (jieba words of the title, character
  2–3-grams of the body), plus the problem kinds of a small hand-written lexicon (PROBLEMS) that
  join words no n-gram joins (噪音 and 油烟 are both 扰民; 实习 and 打工 both 学生被组织劳动).

Two messages are joined when their places do not conflict and
- they name the same place and share a problem kind, or
- they name the same place and their problem texts are similar (≥ SAME_PLACE), or
- one of them names no place and their problem texts are very similar (≥ NO_PLACE);
joins are taken strongest first and a group never takes in a message whose place disagrees with the
group's places, so a topic cannot creep from one housing estate to the next through a placeless one.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .normal import normalise
from .words import words

SAME_PLACE = 0.2
NO_PLACE = 0.4
BODY_CHARS = 300
TITLE_WEIGHT = 0.6  # share of the problem similarity that comes from the title (the rest: the body)

# A市, A3区, A7县, K9县, C5市 after normalise (lower case).
CODE = re.compile(r"[a-z]\d*[市区县]")
CITY = re.compile(r"^[a-z]市$")
# Characters that never occur inside a place name: they end one or start the next.
# 省 too: the province (西地省) is shared by every place in it, so it starts the name after it.
_STOP = "的在了和与及对从向于是把被将给到让请问我你他她们这那该本此每各个有没无不也都就还又很最更已为因所以但而或且吗呢啊省"
_SUFFIX = ("小区|花园|家园|庭院|公寓|广场|大厦|新城|新村|山庄|庄园|华府|公馆|苑|府|湾|园|庭|郡|城|"
           "街道|社区|镇|乡|村|大道|大街|路|街|"
           "学院|大学|中学|小学|学校|幼儿园|医院|公司|集团|银行|高铁站|地铁站|火车站|公园|市场")
SUFFIX = re.compile(_SUFFIX)
_PLACE = re.compile(f"(?:[^{_STOP}\\W\\da-z]{{1,6}}?(?:{_SUFFIX}))+")
# Words a regex takes for the start of a place name but which are the writer's verb or a filler.
_LEAD = re.compile(
    "^(?:反映|投诉|举报|咨询|关于|建议|要求|希望|恳请|请求|询问|质疑|解决|处理|整治|治理|查处|严查|位于|地处|座落|坐落|"
    "家住|居住|购买|入住|业主|居民|市民|村民|学生|家长|领导|您好|尊敬|强烈|紧急|再次|多次|为什么|为何|如何|怎么|何时|"
    "导致|严重影响|影响|目前|现在|周边|附近|整个|所在|其他|其它|相关|感谢|相信|配合|知道|请|求|望|现|过)+")
# Endings alone, or with a generic word in front: not a place anyone could find.
_GENERIC = re.compile(
    "^(?:.{0,2}政府|.{0,4}委.{0,2}政府|.{0,2}人民政府|物业公司|有限公司|限公司|自来水公司|分公司|公司|住宅小区|安置小区|"
    "周边小区|老旧小区|小区|幼儿园|中小学|小学|中学|学校|医院|菜市场|十字路|断头路|快速路|马路|道路|城市|农村|街道社区|"
    "配套幼儿园|公交线路|文明城|省会城|城中村|.城区|市场|集团|银行|公园|广场)$")

# Problem kinds: a few words each, matched as substrings of the title (else the body's start).
# Written by hand from what people complain about; a kind is broad on purpose (noise, fumes and
# dust from the same shops are one 扰民 complaint), the place keeps topics apart.
PROBLEMS = {
    "扰民": ("噪音", "噪声", "扰民", "油烟", "烧烤", "夜宵", "异味", "臭味", "恶臭", "粉尘", "灰尘", "扬尘", "搅拌站", "搅拌厂", "排烟"),
    "房屋质量": ("开裂", "裂缝", "漏水", "渗水", "豆腐渣", "质量问题", "墙面", "楼板"),
    "购房车位": ("车位", "捆绑", "定向", "限价", "涨价", "降价", "售房", "购房合同", "霸王条款"),
    "物业": ("物业",),
    "拆迁安置": ("拆迁", "征地", "征收", "安置", "补偿", "棚改", "旧城改造", "旧改"),
    "入学": ("入学", "学位", "学区", "上学", "就读", "招生"),
    "学生劳动": ("实习", "实训", "打工", "社会实践", "工厂"),
    "交通": ("拥堵", "红绿灯", "信号灯", "斑马线", "人行天桥", "地下通道", "出入口", "停车", "违停", "公交"),
    "欠薪社保": ("工资", "欠薪", "社保", "公积金"),
    "违建经营": ("违建", "违章", "住改商", "无证", "占道", "非法经营"),
    "涉案": ("诈骗", "集资", "立案", "案件", "案情", "跑路", "维权"),
}


def codes(text: str) -> list[str]:
    """District codes (a3区, a7县, c5市) in text order, normalised; the city itself (a市) is left out."""
    out = []
    for c in CODE.findall(normalise(text)):
        if not CITY.match(c) and c not in out:
            out.append(c)
    return out


def places(text: str) -> list[str]:
    """Named places in text order: 魅力之城, 丽发新城, 西湖街道茶场村, 凉塘路 (codes removed first)."""
    t = CODE.sub("|", normalise(text))
    out = []
    for m in _PLACE.finditer(t):
        p = _LEAD.sub("", m.group())
        if len(p) >= 3 and not _GENERIC.match(p) and p not in out:
            out.append(p)
    return out


def problems(text: str) -> set[str]:
    t = normalise(text)
    return {kind for kind, cues in PROBLEMS.items() if any(c in t for c in cues)}


def _core(place: str) -> str:
    """The distinctive part of a place name: 劳动东路魅力之城 → 劳动东魅力之."""
    return SUFFIX.sub("", place) or place


def _common_run(a: str, b: str) -> int:
    """Length of the longest run of characters a and b share."""
    best = 0
    for i in range(len(a)):
        j = i + best + 1
        while j <= len(a) and a[i:j] in b:
            best = j - i
            j += 1
    return best


def _same_place(x: str, y: str) -> bool:
    if min(len(x), len(y)) >= 3:
        return _common_run(x, y) >= 3
    short, other = sorted((x, y), key=len)
    # a two-character name (丽发, 人民) must end the other: 暮云街道丽发新城 is 丽发新城, 人民东路 is not 人民路
    return other.endswith(short)


def places_agree(a, b) -> bool:
    """Some place of a and some place of b are the same place: their distinctive parts share at least
    3 characters, or a 2-character one ends the other. 万科魅力之城 ~ 劳动东路魅力之城; 东六路 ≁ 东四路."""
    ca, cb = [_core(p) for p in a], [_core(p) for p in b]
    return any(_same_place(x, y) for x in ca for y in cb)


@dataclass(frozen=True)
class Message:
    key: object
    title: str
    body: str
    at: dt.datetime
    likes: int = 0
    writer: object = None  # who wrote it (any hashable); None counts as a writer of its own


@dataclass
class Topic:
    place: str
    problem: str
    keys: list  # the messages of the current period, oldest first
    messages: int
    writers: int
    likes: int
    first: dt.datetime
    last: dt.datetime
    previous: int = 0  # messages of the same topic in the previous period
    samples: list[str] = field(default_factory=list)  # titles, the most typical first

    @property
    def name(self) -> str:
        return f"{self.place} · {self.problem}" if self.problem else self.place

    @property
    def heat(self) -> float:
        """Distinct writers count most; a writer's repeats a quarter each (one person writing ten times
        is persistence, not breadth); likes add log10(1 + likes), so 9 likes weigh as one more writer
        and 2,000 likes as three."""
        return self.writers + 0.25 * (self.messages - self.writers) + math.log10(1 + self.likes)

    @property
    def growth(self) -> float | None:
        return growth(self.messages, self.previous)

    @property
    def span_days(self) -> int:
        return (self.last - self.first).days + 1


def growth(current: int, previous: int) -> float | None:
    """Change against the previous period of equal length: 0.5 = +50 %; None when it is new (previous 0)."""
    if previous <= 0:
        return None
    return (current - previous) / previous


@dataclass
class _Prepared:
    places: list[list[str]]
    in_title: list[bool]  # the places were found in the title (else in the body: less sure)
    codes: list[set[str]]
    problems: list[set[str]]
    titles: list[str]  # masked, normalised
    title_words: list[list[str]]


# 二期, 3期, 5栋, 14号: which part of the place, not what the problem is
_PART = re.compile(r"[0-9一二三四五六七八九十]+[期栋幢号楼单元座区]")


def _mask(text: str, found: list[str]) -> str:
    text = CODE.sub(" ", text)
    for p in found:
        text = text.replace(p, " ")
    return _PART.sub(" ", text)


def _prepare(messages) -> _Prepared:
    prep = _Prepared([], [], [], [], [], [])
    for m in messages:
        title, body = normalise(m.title), normalise(m.body)
        found = places(title)
        prep.in_title.append(bool(found))
        found = found or places(body)[:2]
        prep.places.append(found)
        prep.codes.append(set(codes(title) or codes(body)))
        masked = _mask(title, found)
        prep.titles.append(masked)
        prep.problems.append(problems(masked) or problems(_mask(body[:300], found)))
        prep.title_words.append([w for w in words(masked) if _content(w)])
    return prep


_FILLER = frozenset("问题 反映 投诉 咨询 关于 建议 希望 请问 要求 请求 恳请 什么 如何 怎么 为什么 为何 何时 能否 是否 "
                    "可以 已经 没有 严重 相关 部门 领导 政府 一下 一些 这个 那个 我们 你们 他们 还是 情况 "
                    "小区 附近 业主 居民 市民 存在 才能 进行 出现 影响 一直 经常 "
                    # adverbs, question words and fragments jieba leaves in short titles: they name no problem
                    "再次 多次 一再 仍然 还有 不了 得开 不能 不是 不到 不会 不要 哪里 哪些 多久 时候 时间 什么时候 "
                    "到底 究竟 终于 现在 目前 今年 去年 之前 之后 以后 为啥 怎样 怎么办 这么 那么 需要 有关 尽快 "
                    "解决 处理 落实 一个 以及 导致 继续 事情 事宜 有没有 能不能 可不可以".split())


def _content(word: str) -> bool:
    """A word that can say what the problem is: two characters or more, not punctuation, not a filler."""
    return len(word) > 1 and word not in _FILLER and bool(re.search(r"[\u4e00-\u9fff0-9a-z]", word))


def _identity(tokens):
    return tokens


def _vectors(messages, prep: _Prepared):
    # loaded here: the review panel imports places() from this module on every staff page
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    titles = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
    bodies = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True, min_df=2, max_df=0.2, dtype=np.float32)
    # the start of a body says what the problem is; the rest (history, quotes, thanks) mostly adds noise
    body_texts = [_mask(normalise(m.body)[:BODY_CHARS], p) for m, p in zip(messages, prep.places)]
    blocks = []
    for vec, texts, weight in ((titles, prep.title_words, TITLE_WEIGHT), (bodies, body_texts, 1 - TITLE_WEIGHT)):
        try:
            blocks.append(normalize(vec.fit_transform(texts)) * math.sqrt(weight))
        except ValueError:  # no term at all (every text empty or every n-gram too rare)
            blocks.append(sp.csr_matrix((len(texts), 1), dtype=np.float32))
    return normalize(sp.hstack(blocks, format="csr"))


def _similar_pairs(x, floor: float, chunk: int = 1000):
    """(similarity, i, j) with i < j and similarity ≥ floor, computed a block of rows at a time."""
    out: list[tuple[float, int, int]] = []
    for start in range(0, x.shape[0], chunk):
        block = (x[start:start + chunk] @ x.T).tocoo()
        rows = block.row + start
        keep = (rows < block.col) & (block.data >= floor)
        out.extend(zip(block.data[keep].tolist(), rows[keep].tolist(), block.col[keep].tolist()))
    return out


def _same_place_pairs(prep: _Prepared):
    """Pairs that name the same place and share a problem kind (found through 3-character runs of the places)."""
    index = defaultdict(set)
    for i, found in enumerate(prep.places):
        if not prep.in_title[i]:
            continue
        for p in found:
            core = _core(p)
            for k in range(max(1, len(core) - 2)):
                index[core[k:k + 3]].add(i)
            index[core[-2:]].add(i)  # meets a 2-character name that ends this one (丽发 ~ 暮云丽发)
    pairs = set()
    for members in index.values():
        if len(members) > 300:  # a run shared that widely is not a place
            continue
        ms = sorted(members)
        for n, i in enumerate(ms):
            for j in ms[n + 1:]:
                if prep.problems[i] & prep.problems[j] and places_agree(prep.places[i], prep.places[j]):
                    pairs.add((i, j))
    return pairs


def group(messages, *, same_place: float = SAME_PLACE, no_place: float = NO_PLACE) -> list[list[int]]:
    """Indices of `messages` grouped into topics, each list in input order, largest groups first."""
    messages = list(messages)
    return _group(messages, _prepare(messages), same_place, no_place) if messages else []


def _group(messages, prep: _Prepared, same_place: float, no_place: float) -> list[list[int]]:
    n = len(messages)
    x = _vectors(messages, prep)
    candidates = _similar_pairs(x, min(same_place, no_place))
    candidates += [(1.0 + float(x[i].multiply(x[j]).sum()), i, j) for i, j in _same_place_pairs(prep)]
    candidates.sort(key=lambda c: -c[0])

    parent = list(range(n))
    group_places = [Counter(p) for p in prep.places]
    group_codes = [set(c) for c in prep.codes]

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for score, i, j in candidates:
        a, b = root(i), root(j)
        if a == b:
            continue
        if group_codes[a] and group_codes[b] and not group_codes[a] & group_codes[b]:
            continue
        # the places each group names most must be one place, or one group names none
        if group_places[a] and group_places[b] and not places_agree(_anchors(group_places[a]), _anchors(group_places[b])):
            continue
        if score < 1.0:  # a similarity edge (the same-place-and-kind edges scored 1 + similarity)
            named = prep.places[i] and prep.places[j] and places_agree(prep.places[i], prep.places[j])
            if score < (same_place if named else no_place):
                continue
        parent[a] = b
        group_places[b] += group_places[a]
        group_codes[b] |= group_codes[a]

    groups = defaultdict(list)
    for i in range(n):
        groups[root(i)].append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _anchors(counts: Counter) -> list[str]:
    top = max(counts.values())
    return [p for p, c in counts.items() if c == top]


def _word_bounds(text: str) -> list[int]:
    """Offsets in `text` where a jieba word starts or ends."""
    bounds, pos = {0, len(text)}, 0
    for w in words(text):
        at = text.find(w, pos)
        if at < 0:
            continue
        bounds.update((at, at + len(w)))
        pos = at + len(w)
    return sorted(bounds)


def _whole_words(place: str, titles: list[str]) -> str:
    """The place as a label shows it: widened to the jieba words of a title that names it, so it never
    starts or ends mid-word (the place regex cuts characters: 健身房 → 身房). Widened, not trimmed:
    jieba splits the names it does not know (丽发|新城), which a trim would lose. Only the label:
    the grouping keeps the places as found."""
    for title in titles:
        start = title.find(place)
        if start < 0:
            continue
        end = start + len(place)
        bounds = _word_bounds(title)
        return title[max(b for b in bounds if b <= start):min(b for b in bounds if b >= end)]
    return place


def _name(members, messages, prep: _Prepared, df: Counter, n: int) -> tuple[str, str, Counter[str]]:
    place_counts = Counter(p for i in members if prep.in_title[i] for p in prep.places[i])
    code_counts = Counter(c for i in members for c in codes(messages[i].title))  # a body's codes are often asides
    place = ""
    if place_counts:
        top = place_counts.most_common(1)[0][1]
        # of the places named most often, the shortest: 魅力之城 rather than 劳动东路魅力之城
        place = min((p for p, c in place_counts.items() if c == top), key=len)
        # as places() reads a title: codes out, so a widened place never takes in a2区 or a市
        titles = (CODE.sub("|", normalise(messages[i].title)) for i in members)
        place = _whole_words(place, [t for t in titles if place in t][:3])
    if code_counts:
        place = code_counts.most_common(1)[0][0].upper() + place
    if not place:
        place = "A市" if any("a市" in normalise(messages[i].title) for i in members) else "（未指明地点）"
    in_group = Counter(w for i in members for w in set(prep.title_words[i]))
    scored = sorted(in_group, key=lambda w: (-in_group[w] * math.log((1 + n) / (1 + df[w])), w))
    keep = [w for w in scored if in_group[w] >= max(1, len(members) // 4)][:3] or scored[:3]
    return place, "、".join(keep), in_group


def topics(messages, *, start: dt.datetime | None = None, end: dt.datetime | None = None,
           previous_start: dt.datetime | None = None,
           same_place: float = SAME_PLACE, no_place: float = NO_PLACE) -> list[Topic]:
    """The topics of [start, end), hottest first, each with its count in the previous period
    [previous_start, start) — by default of equal length, start − (end − start); a calendar month
    passes the first day of the month before. Without start and end every message is the period.

    Messages outside both periods are ignored; pass the previous period's messages too, or every
    growth will read as new. Grouping both periods together is what lets a topic be recognised
    across them.
    """
    messages = list(messages)
    if start is not None and end is not None:
        before = previous_start or start - (end - start)
        messages = [m for m in messages if before <= m.at < end]
        current = [m.at >= start for m in messages]
    else:
        current = [True] * len(messages)
    if not messages:
        return []
    prep = _prepare(messages)
    groups = _group(messages, prep, same_place, no_place)
    df = Counter(w for ws in prep.title_words for w in set(ws))
    out = []
    for members in groups:
        now = [i for i in members if current[i]]
        if not now:
            continue
        now.sort(key=lambda i: messages[i].at)
        place, problem, in_group = _name(now, messages, prep, df, len(messages))
        writers = {messages[i].writer if messages[i].writer is not None else ("message", i) for i in now}
        out.append(Topic(
            place=place, problem=problem, keys=[messages[i].key for i in now], messages=len(now),
            writers=len(writers), likes=sum(messages[i].likes for i in now),
            first=messages[now[0]].at, last=messages[now[-1]].at,
            previous=sum(1 for i in members if not current[i]),
            samples=_samples(now, messages, prep, in_group),
        ))
    out.sort(key=lambda t: (-t.heat, -t.likes, t.span_days, t.first))
    return out


def _samples(members, messages, prep: _Prepared, in_group: Counter, k: int = 3) -> list[str]:
    """Distinct titles, the most typical first (most of its words shared by the topic's other titles), then
    the most liked; a repeated title once."""
    def typical(i):
        ws = set(prep.title_words[i])
        return sum(in_group[w] for w in ws) / (1 + len(ws)), messages[i].likes

    seen, out = set(), []
    for i in sorted(members, key=typical, reverse=True):
        title = normalise(messages[i].title).replace(" ", "")
        if title and title not in seen:
            seen.add(title)
            out.append(messages[i].title.strip())
        if len(out) == k:
            break
    return out


# 2019/2/28 11:25:05, 2019-02-28 11:25:05, 2019/2/28 9:58 or a date alone: the data mixes them.
_WHEN = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def parse_time(text: str) -> dt.datetime | None:
    m = _WHEN.match(text or "")
    if not m:
        return None
    try:
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in m.groups())
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


CSV_COLUMNS = ("留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "点赞数")


def read_csv(path) -> tuple[list[Message], int]:
    """Messages of a CSV with the columns of 泰迪杯 attachment 3 (留言编号,留言用户,留言主题,留言时间,
    留言详情,反对数,点赞数), and how many rows were skipped for want of a readable time."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    if rows and not set(CSV_COLUMNS) <= set(rows[0]):
        raise ValueError(f"{path}: 需要列 {', '.join(CSV_COLUMNS)}")
    out, skipped = [], 0
    for r in rows:
        at = parse_time(r["留言时间"])
        if at is None:
            skipped += 1
            continue
        likes = (r.get("点赞数") or "0").strip()
        out.append(Message(key=r["留言编号"].strip(), title=r["留言主题"], body=r["留言详情"], at=at,
                           likes=int(likes) if likes.isdigit() else 0, writer=r["留言用户"].strip() or None))
    return out, skipped
