"""names / extra / keep: what the case knows about the writer, found in any spelling."""
from minpan.redaction import redact, spans

NAME = "王小明"
PHONE = "13812345678"
ID = "150525198506123011"  # wrong check digit: still the writer's ID
ADDRESS = "幸福路88号幸福家园小区5栋"


def test_the_writers_name_its_given_part_and_spaced_spelling():
    assert redact("我叫王小明，小明的邻居也知道", names=[NAME]) == "我叫某某，某某的邻居也知道"
    assert redact("我 王 小 明 再次反映", names=[NAME]) == "我 某某 再次反映"
    assert redact("王明说明天来", names=["王明"]) == "某某说明天来"


def test_compound_surnames_keep_the_given_name_rule():
    assert "建国" not in redact("欧阳建国反映：建国路积水", names=["欧阳建国"])


def test_the_writers_phone_in_other_spellings():
    for written in ("138.1234.5678", "1381-234-5678", "１３８１２３４５６７８", "138 1234\n5678", "+86 13812345678"):
        found = spans(f"再说一遍电话{written}。", extra=[PHONE])
        assert len(found) == 1 and found[0].kind == "mobile", written
        assert found[0].replacement.count("*") == 4


def test_the_writers_id_spaced_and_their_phone_registered_with_separators():
    out = redact("证件150525 1985 0612 3011已交，电话13812345678", extra=[ID, "138-1234-5678"])
    assert "0612" not in out and "1234" not in out


def test_the_address_masks_only_its_door_level_part():
    text = "幸福家园小区5栋有上万居民，幸福路88号门口积水。我家地址幸福路88号幸福家园小区5栋。"
    out = redact(text, extra=[ADDRESS])
    assert out == "幸福家园小区*栋有上万居民，幸福路**号门口积水。我家地址幸福路**号幸福家园小区*栋。"


def test_an_address_without_a_door_part_masks_nothing():
    text = "幸福家园小区有上万居民"
    assert redact(text, extra=["幸福家园小区"]) == text


def test_the_employer_is_masked_as_a_whole():
    assert redact("我在A市第一中学上班，", extra=["A市第一中学"]) == "我在某单位上班，"
    assert spans("我在A市第一中学上班", extra=["A市第一中学"])[0].kind == "employer"


def test_the_writers_email_any_case():
    assert redact("邮箱WXM@QQ.COM", extra=["wxm@qq.com"]) == "邮箱W***@QQ.COM"


def test_empty_details_are_ignored():
    assert redact("没有登记信息", names=["", None], extra=[None, "", " "], keep=[None, ""]) == "没有登记信息"


def test_keep_wins_over_extra():
    # the writer registered the unit's duty phone as their own: the official number stays public
    assert redact("值班电话0475-8888888", extra=["04758888888"], keep=["0475-8888888"]) == "值班电话0475-8888888"
