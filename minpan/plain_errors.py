"""Form errors in plain Chinese, naming the field: "留言内容至少要写 10 个字，现在是 6 个字。"
instead of Django's "确保该变量至少包含 10 字符（目前字符数 6）。".

`plain_errors(form)` rewrites, on each field, the messages Django would give by default; a message a
form sets itself is kept. Field error_messages also replace its validators' messages of the same code
(min_length, max_length, ...), which is how the length messages reach the length validators.
"""
from __future__ import annotations

import re

from django import forms

# "所属领域（选填）" -> "所属领域": the note in brackets is for the reader of the form, not of the error.
_NOTE = re.compile(r"[（(][^）)]*[）)]$")


def _name(field: forms.Field) -> str:
    label = str(field.label or "")
    return _NOTE.sub("", label).strip() or "此项"


def _defaults(field: forms.Field) -> dict:
    out: dict = {}
    for cls in reversed(type(field).__mro__):
        out.update(getattr(cls, "default_error_messages", {}))
    return out


def messages_for(field: forms.Field, name: str) -> dict[str, str]:
    """The plain messages for one field, keyed by Django's error codes."""
    pick = isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField, forms.FileField))
    tick = isinstance(field, forms.BooleanField)
    out = {
        "required": f"请勾选“{name}”。" if tick else (f"请选择{name}。" if pick else f"请填写{name}。"),
        "min_length": f"{name}至少要写 %(limit_value)d 个字，现在是 %(show_value)d 个字。",
        "max_length": f"{name}最多 %(limit_value)d 个字，现在是 %(show_value)d 个字，请删减一些。",
        "invalid_choice": f"请从列表中选择{name}。",
        "invalid_list": f"请从列表中选择{name}。",
    }
    if isinstance(field, forms.EmailField):
        out["invalid"] = "电子邮箱的格式不对，请填写例如 name@example.cn 的地址。"
    elif isinstance(field, (forms.DateField, forms.DateTimeField)):
        out["invalid"] = f"{name}请按“年-月-日”填写，例如 2026-10-08。"
    elif isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        out["invalid"] = f"{name}请填写数字。"
        out["min_value"] = f"{name}不能小于 %(limit_value)s。"
        out["max_value"] = f"{name}不能大于 %(limit_value)s。"
    elif isinstance(field, forms.FileField):
        out["invalid"] = f"{name}没有上传成功，请重新选择文件。"
        out["empty"] = f"{name}是一个空文件，请重新选择。"
        out["max_length"] = f"{name}的文件名太长（最多 %(max)d 个字），请改短后再上传。"
    return out


def plain_errors(form: forms.BaseForm) -> None:
    """Give every field of `form` its plain messages, keeping those the form set itself."""
    for field in form.fields.values():
        defaults = _defaults(field)
        for code, text in messages_for(field, _name(field)).items():
            if code not in field.error_messages or field.error_messages[code] is defaults.get(code):
                field.error_messages[code] = text


class PlainErrorsForm(forms.Form):
    """A form whose fields speak plain Chinese when something is missing or wrong."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_errors(self)
