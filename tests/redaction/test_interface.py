"""The shape others code against, and properties that hold for any text."""
import ast
import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minpan.redaction as redaction
from minpan.redaction import KINDS, LABELS, Span, digits_of, redact, spans

PACKAGE = Path(redaction.__file__).parent


def test_the_public_names():
    assert set(redaction.__all__) >= {"Span", "spans", "redact", "digits_of", "KINDS", "LABELS"}
    assert [f.name for f in dataclasses.fields(Span)] == ["start", "end", "kind", "replacement"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Span(0, 1, "name", "某").kind = "id"
    assert set(KINDS) == set(LABELS) and LABELS["mobile"] == "手机号"
    assert callable(digits_of)


def test_every_kind_a_detector_reports_has_a_label():
    text = ("我叫王小明，手机13812345678，座机0475-8123456，身份证150525198506123011，卡号4111111111111111，"
            "户号2010345678，学号2019123456，邮箱a@b.cn，微信号wxid_abc123，QQ：123456789，微博@老王_CS ，"
            "车牌京A12345，住3号楼501，1985年3月12日出生，单位A市第一中学。")
    kinds = {s.kind for s in spans(text, extra=["A市第一中学"])}
    assert kinds <= set(KINDS)
    assert kinds >= {"name", "mobile", "landline", "id", "bank", "account", "serial", "email", "wechat", "qq",
                      "weibo", "plate", "house", "birth", "employer"}


def test_the_package_imports_no_django_and_no_textmine():
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not any(n.startswith(("django", "minpan.textmine")) for n in names), path.name


def test_modules_stay_small():
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, path.name


def test_spans_come_in_text_order():
    found = spans("王先生 13800138000 150525198506123010 a@b.cn")
    assert [s.kind for s in found] == ["name", "mobile", "id", "email"]


pieces = st.sampled_from([
    "我是王小明，", "电话138 1234 5678", "１３９１２３４５６７８", "身份证150525198506123011", "住3号楼501，",
    "幸福路88号", "李女士", "，", "。", "\n", " ", "2026年3月12日", "12000元", "12345", "订单号4302021985061212",
    "微信号abc_12345", "QQ 123456", "京A12345", "邻居张伟经常", "a@b.cn", "卡号4111 1111 1111 1111",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(pieces, st.text(max_size=6)), max_size=12), st.lists(st.sampled_from(
    ["王小明", "13812345678", "幸福路88号幸福家园小区5栋", "A市第一中学", ""]), max_size=3))
def test_spans_never_overlap_and_redact_changes_only_spans(parts, extra):
    text = "".join(parts)
    found = spans(text, names=["王小明"], extra=extra)
    assert all(0 <= s.start < s.end <= len(text) for s in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(s.kind in KINDS for s in found)
    out = redact(text, names=["王小明"], extra=extra)
    if not found:
        assert out == text
    # what lies between spans is copied unchanged
    pos, rebuilt = 0, []
    for s in found:
        rebuilt += [text[pos:s.start], s.replacement]
        pos = s.end
    assert out == "".join(rebuilt) + text[pos:]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(categories=["Lo"], min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=40))
def test_stars_never_replace_han_characters_outside_names(text):
    for s in spans(text):
        if s.kind not in ("name", "employer", "weibo", "extra"):
            assert set(s.replacement) - {"*"} <= set(text[s.start:s.end])
