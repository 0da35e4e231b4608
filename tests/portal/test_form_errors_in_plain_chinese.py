"""Form errors read as a person would say them, naming the field: never Django's
"确保该变量至少包含 10 字符" or "这个字段是必填项"."""
import pytest

from minpan.desk.forms import ReturnForm
from minpan.plain_errors import plain_errors
from minpan.portal.forms import QueryForm, WriteForm

from .conftest import form_data

pytestmark = pytest.mark.django_db

DJANGO_WORDING = ("确保该变量", "这个字段是必填项", "字符（目前字符数", "输入一个有效的", "选择一个有效的选项")


def _errors(form) -> list[str]:
    form.is_valid()
    return [e for errs in form.errors.values() for e in errs]


def test_a_short_message_says_how_many_characters_are_missing(client):
    resp = client.post("/write/", form_data(client, body="路灯坏了"))
    text = resp.content.decode()
    assert "留言内容至少要写 10 个字，现在是 4 个字。" in text
    assert not any(w in text for w in DJANGO_WORDING)


def test_missing_and_wrong_fields_are_named():
    form = WriteForm({"subject": "", "email": "not-an-address", "msg_type": "nonsense"},
                     message_types=[("consult", "咨询")], contact_required=True)
    errors = _errors(form)
    assert "请填写标题。" in errors
    assert "请填写留言内容。" in errors
    assert "请选择留言类型。" not in errors and "请从列表中选择留言类型。" in errors
    assert "电子邮箱的格式不对，请填写例如 name@example.cn 的地址。" in errors
    assert "请阅读并勾选个人信息使用说明。" in errors  # the form's own message is kept
    assert not any(w in e for e in errors for w in DJANGO_WORDING)


def test_a_long_subject_says_the_limit():
    form = WriteForm({"subject": "路" * 201}, message_types=[("consult", "咨询")])
    assert any(e.startswith("标题最多 ") and "请删减一些" in e for e in _errors(form))


def test_the_query_form_names_what_is_missing():
    assert _errors(QueryForm({})) == ["请填写查询码。", "请填写查询密码。"]


def test_the_desk_forms_speak_the_same_way():
    errors = _errors(ReturnForm({}))
    assert "请填写退办原因。" in errors
    assert not any(w in e for e in errors for w in DJANGO_WORDING)


def test_a_message_set_by_the_form_is_kept():
    from django import forms

    class F(forms.Form):
        a = forms.CharField(label="甲", error_messages={"required": "甲是必须的。"})
        b = forms.CharField(label="乙（选填）", min_length=3)

    form = F({"b": "x"})
    plain_errors(form)
    assert _errors(form) == ["甲是必须的。", "乙至少要写 3 个字，现在是 1 个字。"]
