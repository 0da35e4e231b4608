"""Hot topics, the pure part: grouping by place and problem, ranking, growth (no database)."""
import datetime as dt
import re

from minpan.textmine import hot

DAY = dt.datetime(2026, 10, 1, 9, 0)


def msg(key, title, body="", *, day=0, likes=0, writer=None):
    return hot.Message(key=key, title=title, body=body, at=DAY + dt.timedelta(days=day), likes=likes,
                       writer=writer if writer is not None else f"w-{key}")


# Written like real messages: padding, full-width punctuation, each topic in several wordings.
FUMES_AT_XINGFU = [
    msg("x1", "A5区幸福里小区楼下烧烤店油烟扰民", "\n\t\u3000幸福里小区一楼开了烧烤店，油烟直接排进楼里，晚上没法开窗。", day=1, likes=3),
    msg("x2", "幸福里小区底层餐馆油烟直排", "我家住A5区幸福里小区，楼下餐馆油烟直排，家里全是味道。", day=3),
    msg("x3", "A5区幸福里小区夜宵摊噪音到凌晨", "幸福里小区门口的夜宵摊每天吵到凌晨两点，老人孩子睡不着。", day=5, likes=1),
    msg("x4", "投诉A市幸福里小区临街门面油烟噪音", "临街门面做餐饮，油烟和噪音严重影响幸福里小区居民休息。", day=8),
]
FUMES_AT_JINGUI = [
    msg("j1", "A3区金桂园小区楼下餐馆油烟扰民", "金桂园小区楼下新开的餐馆油烟直排，呛得人咳嗽。", day=2),
    msg("j2", "A3区金桂园烧烤摊油烟噪音扰民", "每晚金桂园门口烧烤摊油烟噪音不断。", day=4, likes=2),
    msg("j3", "金桂园小区底层饭店油烟太大", "A3区金桂园小区底层饭店没有油烟净化器。", day=6),
]
LIFT_AT_XINGFU = [
    msg("e1", "A5区幸福里小区电梯经常故障", "幸福里小区3栋电梯一个月坏了五次，有人被困。", day=7),
]
PLATFORM = [
    msg("p1", "A市鑫盛车贷平台跑路立案后无进展", "鑫盛车贷平台跑路，立案半年没有任何进展，请公安通报案情。", day=2, likes=4),
    msg("p2", "鑫盛车贷平台跑路案件立案后为何没有进展", "鑫盛车贷平台跑路已立案，受害人要求公布案情进展。", day=9, likes=2),
]
LOAN = [
    msg("g1", "咨询A市住房公积金贷款额度", "想了解A市住房公积金贷款最高额度是多少。", day=3),
    msg("g2", "A市住房公积金贷款额度怎么计算", "请问A市住房公积金贷款额度按什么标准计算？", day=10),
]
OTHERS = [
    msg("o1", "A7县东风路红绿灯时间太短", "东风路与人民路路口行人绿灯只有十秒。", day=4),
    msg("o2", "建议A2区增加夜班公交线路", "A2区晚上十点后就没有公交车了。", day=6),
    msg("o3", "A9市第一中学食堂饭菜质量差", "孩子说学校食堂的菜经常是凉的。", day=7),
    msg("o4", "A6区月湖公园厕所无人打扫", "月湖公园东门厕所脏乱差。", day=9),
]
ALL = FUMES_AT_XINGFU + FUMES_AT_JINGUI + LIFT_AT_XINGFU + PLATFORM + LOAN + OTHERS


def topic_of(topics, key):
    return next(t for t in topics if key in t.keys)


def keys(messages):
    return sorted(m.key for m in messages)


def test_places_are_found_after_the_district_code():
    assert hot.places("A市A5区劳动东路魅力之城小区油烟扰民") == ["劳动东路魅力之城"]
    assert hot.places("反映A7县春华镇金鼎村的自来水问题") == ["春华镇金鼎村"]
    assert hot.codes("A市A5区劳动东路魅力之城") == ["a5区"]


def test_places_agree_on_their_distinctive_part():
    assert hot.places_agree(["万科魅力之城"], ["劳动东路魅力之城"])
    assert hot.places_agree(["伊景园滨河苑"], ["滨河苑"])
    assert not hot.places_agree(["东六路"], ["东四路"])
    assert not hot.places_agree(["辉煌国际城"], ["凯乐国际城"])


def test_one_estate_one_problem_worded_differently_is_one_topic():
    topics = hot.topics(ALL)
    assert sorted(topic_of(topics, "x1").keys) == keys(FUMES_AT_XINGFU)
    assert sorted(topic_of(topics, "j1").keys) == keys(FUMES_AT_JINGUI)


def test_the_same_problem_at_two_estates_is_two_topics():
    topics = hot.topics(ALL)
    assert topic_of(topics, "x1") is not topic_of(topics, "j1")


def test_another_problem_at_the_same_estate_is_another_topic():
    topics = hot.topics(ALL)
    assert topic_of(topics, "e1").keys == ["e1"]


def test_messages_naming_no_estate_join_only_when_nearly_the_same():
    topics = hot.topics(ALL)
    assert sorted(topic_of(topics, "p1").keys) == ["p1", "p2"]
    assert sorted(topic_of(topics, "g1").keys) == ["g1", "g2"]
    assert topic_of(topics, "o1").keys == ["o1"]


def test_a_topic_is_named_by_its_place_and_problem():
    topic = topic_of(hot.topics(ALL), "x1")
    assert topic.place == "A5区幸福里小区"
    assert "油烟" in topic.problem
    assert topic.name.startswith("A5区幸福里小区 · ")


def test_topics_rank_by_count_then_likes():
    topics = hot.topics(ALL)
    assert [t.keys[0] for t in topics[:4]] == ["x1", "j1", "p1", "g1"]  # 4, 3, then 2 with 6 likes before 2 with none
    first = topics[0]
    assert (first.messages, first.writers, first.likes) == (4, 4, 4)
    assert (first.first, first.last) == (DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=8))


def test_thousands_of_likes_lift_a_topic_above_a_slightly_larger_one():
    liked = [msg("l1", "A市鑫盛车贷平台跑路立案后无进展", likes=2000)]
    topics = hot.topics(liked + FUMES_AT_JINGUI[:2])
    assert [t.keys[0] for t in topics] == ["l1", "j1"]  # 1 writer + log10(2001) ≈ 4.3 > 2 writers


def test_one_writer_repeating_weighs_less_than_as_many_writers():
    same_writer = [msg(f"r{i}", "A5区幸福里小区楼下烧烤店油烟扰民", day=i, writer="one") for i in range(4)]
    topic = hot.topics(same_writer)[0]
    assert (topic.messages, topic.writers) == (4, 1)
    assert topic.heat < topic_of(hot.topics(ALL), "x1").heat


def test_growth_against_the_previous_period():
    assert hot.growth(6, 4) == 0.5
    assert hot.growth(2, 4) == -0.5
    assert hot.growth(3, 0) is None  # new this period


def test_topics_of_a_period_count_the_same_topic_in_the_period_before():
    start, end = DAY + dt.timedelta(days=5), DAY + dt.timedelta(days=10)  # previous: days 0–4
    topics = hot.topics(ALL, start=start, end=end)
    fumes = topic_of(topics, "x3")
    assert sorted(fumes.keys) == ["x3", "x4"]  # the topic's messages of this period only
    assert (fumes.messages, fumes.previous, fumes.growth) == (2, 2, 0.0)
    assert all("o1" not in t.keys for t in topics)  # a topic only of the period before is not listed
    assert topic_of(topics, "p2").previous == 1


def test_no_messages_no_topics():
    assert hot.topics([]) == []


GYM = [
    msg("k1", "A市康体健身房办卡后跑路", "办了两年的卡，健身房关门老板跑路。", day=1),
    msg("k2", "康体健身房办卡后跑路了", "康体健身房办卡后跑路，会员费无人退还。", day=2),
    msg("k3", "A市康体健身房办卡后跑路，会员卡怎么办", "健身房跑路，我们的会员卡怎么办？", day=3),
]


def _whole(label: str, titles: list[str]) -> bool:
    """`label` is cut at jieba's word boundaries in some title that holds it."""
    from minpan.textmine.features import normalise, words

    for title in titles:
        t = hot.CODE.sub("|", normalise(title))
        at = t.find(label)
        if at < 0:
            continue
        bounds, pos = {0, len(t)}, 0
        for w in words(t):
            pos = t.find(w, pos)
            bounds.update((pos, pos + len(w)))
            pos += len(w)
        if at in bounds and at + len(label) in bounds:
            return True
    return False


def test_labels_are_made_of_whole_words():
    # the place regex cut 健身房 to 身房 (the label read "身房办卡后跑路")
    found = hot.topics(GYM + FUMES_AT_XINGFU + FUMES_AT_JINGUI + PLATFORM + OTHERS)
    for topic in found:
        place = re.sub(r"^(?:[A-Za-z]\d*[区县市])+", "", topic.place)  # the district codes lead the place
        if place and not place.startswith("（"):
            titles = [m.title for m in GYM + FUMES_AT_XINGFU + FUMES_AT_JINGUI + PLATFORM + OTHERS]
            assert _whole(place, titles), topic.name
    gym = next(t for t in found if "健身房" in t.name)
    assert not gym.name.startswith("身房")
