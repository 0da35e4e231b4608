"""Near-duplicate messages (pure: no database)."""
from minpan.textmine.duplicates import DuplicateFinder, groups, overlap

ELEVATOR = "我是租户刚住两个月，电梯就经常发生各种事故，不是关人就是掉层。据说已十年未质检通过，开发商物业不管。多次投诉无果，望处理！"
SCHOOL = "富里中学学生上千，教师上百人，但学校连塑胶跑道都还没有，还是以前的矿渣跑道，希望教育局统筹安排改造资金，尽快修建。"


def finder():
    f = DuplicateFinder()
    f.add("A-1", "A市白沙晶城电梯经常掉楼层", ELEVATOR)
    f.add("B-2", "富里中学没有塑胶跑道", SCHOOL)
    return f


def test_a_message_resent_with_a_greeting_and_padding_is_found():
    hits = finder().find("电梯掉层", f"\n\t\t\u3000尊敬的领导：您好！{ELEVATOR}\xa0谢谢！\n")
    assert [key for key, _ in hits] == ["A-1"] and hits[0][1] > 0.7  # the titles differ


def test_the_first_half_of_a_message_is_found():
    assert finder().find("", ELEVATOR[: len(ELEVATOR) // 2])[0][0] == "A-1"


def test_two_messages_on_the_same_pattern_are_not_duplicates():
    f = DuplicateFinder()
    f.add(1, "K市潇楚佳苑小区物业费收费标准有没有备案？", "")
    assert f.find("K市领御西城小区物业费收费标准有没有备案？", "") == []


def test_an_unrelated_message_finds_nothing():
    assert finder().find("公交线路", "希望增加公交班次，早高峰等车太久。") == []


def test_copies_share_a_group_and_others_do_not():
    g = groups([ELEVATOR, SCHOOL, "尊敬的领导：" + ELEVATOR, ""])
    assert g[0] == g[2] and g[0] != g[1] and len(set(g)) == 3


def test_overlap_flags_the_test_texts_that_repeat_a_training_text():
    assert overlap([ELEVATOR, SCHOOL], ["您好，" + SCHOOL, "出租车拒载"]) == [True, False]
