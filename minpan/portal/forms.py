"""Public forms. They parse and check what a citizen typed; the rules live in services."""
from __future__ import annotations

import re
import unicodedata

from django import forms

from minpan.cases.effects.after import FOLLOW_UP_MAX, FOLLOW_UP_MIN
from minpan.cases.services import BODY_MAX, SUBJECT_MAX
from minpan.cases.states import Domain, Rating
from minpan.plain_errors import PlainErrorsForm

from . import uploads

BODY_MIN = 10
PHONE_RE = re.compile(r"^\+?[0-9][0-9\- ]{5,18}[0-9]$")


def phone_number(raw: str, message: str) -> str:
    """A phone number as the writer typed it, full-width digits and ideographic spaces read as
    ASCII (NFKC), or "" when left empty; `message` when it is not a number."""
    phone = unicodedata.normalize("NFKC", raw or "").strip()
    if phone and not PHONE_RE.match(phone):
        raise forms.ValidationError(message)
    return phone
CONSENT_TEXT = (
    "我同意：受理中心和承办单位为办理本留言使用我填写的姓名和联系方式；"
    "这些信息不会公开，也不会提供给我所反映的单位。公开答复时，留言中的姓名、电话、身份证号、"
    "电子邮箱、住址门牌等个人信息会被隐去，除非我在上面单独勾选同意公开。"
)
# PIPL 第二十五条: publishing personal information needs its own consent, asked apart from
# 是否同意公开 and off unless the writer ticks it. Plain words: read aloud to an elderly writer.
PERSONAL_TEXT = (
    "不勾选：公开前，我们会把您在标题和留言里写的姓名、电话、身份证号、电子邮箱、住址门牌等"
    "个人信息遮住（例如电话显示为 138****8000），别人看不到。"
    "勾选：这些信息可能随留言一起公开，谁都能看到。不勾选不影响办理。"
    "如果上面选了“不同意公开”，留言不会公开，这一项不起作用。"
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class HoneypotMixin(PlainErrorsForm):
    # Hidden from people (and from screen readers); only robots fill it in.
    website = forms.CharField(required=False, label="请勿填写此项")

    def clean(self):
        data = super().clean()
        if data.get("website"):
            self.add_error(None, "提交未成功，请刷新页面后重试。")
        return data


class ContactMixin(PlainErrorsForm):
    name = forms.CharField(label="真实姓名", max_length=60, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label="手机或电话", max_length=30, required=False, widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    email = forms.EmailField(label="电子邮箱", max_length=120, required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def __init__(self, *args, contact_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact_required = contact_required
        self.fields["name"].required = contact_required
        if contact_required:
            self.fields["phone"].help_text = "手机/电话与电子邮箱至少填写一项，只用于联系您，不会公开。"
        else:
            self.fields["phone"].help_text = "选填。留下联系方式便于承办单位联系您，不会公开。"

    def clean_phone(self):
        return phone_number(self.cleaned_data.get("phone", ""), "请填写有效的电话号码，例如 13800138000 或 0475-8234567。")

    def clean(self):
        data = super().clean()
        if self.contact_required and not (data.get("phone") or data.get("email")) and not self.errors.get("phone") and not self.errors.get("email"):
            self.add_error("phone", "请至少填写手机/电话或电子邮箱中的一项，以便承办单位联系您。")
        return data

    def citizen(self) -> dict:
        return {k: self.cleaned_data.get(k, "") for k in ("name", "phone", "email")}


class CheckMixin(PlainErrorsForm):
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    check_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=400)
    check_answer = forms.CharField(label="验证问题", max_length=10, required=False)


class WriteForm(HoneypotMixin, ContactMixin, CheckMixin):
    msg_type = forms.ChoiceField(label="留言类型")
    domain = forms.ChoiceField(label="所属领域（选填）", required=False, choices=[("", "不确定，由受理中心分类")] + list(Domain.choices))
    subject = forms.CharField(label="标题", max_length=SUBJECT_MAX, help_text=f"不超过 {SUBJECT_MAX} 字。")
    body = forms.CharField(
        label="留言内容", max_length=BODY_MAX, min_length=BODY_MIN, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"{BODY_MIN} 至 {BODY_MAX} 字。请写清时间、地点和事情经过；无需在正文中填写电话、身份证号。",
    )
    attachments = MultipleFileField(
        label="附件（选填）", required=False, widget=MultipleFileInput(attrs={"accept": uploads.ACCEPT}), help_text=uploads.RULE_TEXT,
    )
    may_publish = forms.TypedChoiceField(
        label="是否同意公开", coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", "同意公开（隐去个人信息后公开留言和答复）"), ("no", "不同意公开（只答复我本人）")],
    )
    publish_personal = forms.BooleanField(
        label="我同意公开我在留言里写的个人信息（姓名、电话、身份证号、住址等）", required=False, initial=False,
    )
    consent = forms.BooleanField(label="我已阅读并同意个人信息使用说明", error_messages={"required": "请阅读并勾选个人信息使用说明。"})

    def __init__(self, *args, message_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["msg_type"].choices = list(message_types)


class ErrorReportForm(HoneypotMixin, ContactMixin, CheckMixin):
    KINDS = [
        ("content", "内容错误（错别字、数据错误）"),
        ("link", "链接无法打开"),
        ("outdated", "信息长期未更新"),
        ("access", "页面无法访问或显示异常"),
        ("other", "其他问题"),
    ]
    page_url = forms.CharField(label="出错页面地址或栏目名称", max_length=500)
    kind = forms.ChoiceField(label="问题类型", choices=KINDS)
    description = forms.CharField(
        label="问题描述", max_length=2000, min_length=BODY_MIN, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"{BODY_MIN} 至 2000 字。",
    )
    consent = forms.BooleanField(label="我已阅读并同意个人信息使用说明", error_messages={"required": "请阅读并勾选个人信息使用说明。"})

    def subject(self) -> str:
        return f"网站找错：{dict(self.KINDS)[self.cleaned_data['kind']]}"[:SUBJECT_MAX]

    def body(self) -> str:
        return f"出错页面：{self.cleaned_data['page_url']}\n问题描述：{self.cleaned_data['description']}"


class QueryForm(PlainErrorsForm):
    code = forms.CharField(label="查询码", max_length=32, widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))
    password = forms.CharField(label="查询密码", max_length=64, widget=forms.PasswordInput(render_value=False))


class RateForm(PlainErrorsForm):
    rating = forms.ChoiceField(label="您对答复的评价", choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label="意见（选填）", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(forms.Form):
    """追问, after rating the answer 不满意: the core checks it again (cases.effects.after.follow_up)."""

    text = forms.CharField(
        label="追问内容", min_length=FOLLOW_UP_MIN, max_length=FOLLOW_UP_MAX, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"{FOLLOW_UP_MIN} 至 {FOLLOW_UP_MAX} 字。每条留言只能追问一次，受理中心将回访您。",
        error_messages={
            "required": "请填写追问内容。",
            "min_length": f"追问内容太短：请至少写 {FOLLOW_UP_MIN} 个字。",
            "max_length": f"追问内容太长：最多 {FOLLOW_UP_MAX} 个字。",
        },
    )


class AnswerFilterForm(PlainErrorsForm):
    q = forms.CharField(label="关键词", max_length=50, required=False)
    domain = forms.ChoiceField(label="领域", required=False, choices=[("", "全部领域")] + list(Domain.choices))
    unit = forms.TypedChoiceField(label="答复单位", required=False, coerce=int, empty_value=None)
    since = forms.DateField(label="答复日期自", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="至", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "全部单位")] + [(u.pk, u.name) for u in units]


class ForgotForm(HoneypotMixin):
    """忘记查询密码, step one: the code and the contact the message was written with."""

    code = forms.CharField(label="查询码", max_length=32, widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))
    contact = forms.CharField(
        label="留言时填写的手机号或电子邮箱", max_length=120,
        help_text="填手机号：验证码会发到这个手机。填电子邮箱：须是您已点链接确认过的邮箱，新密码直接发到这个邮箱。",
    )

    def clean_contact(self):
        contact = self.cleaned_data.get("contact", "").strip()
        if "@" in contact:
            forms.EmailField().clean(contact)  # raises in plain words below
            return contact
        return phone_number(contact, "请填写留言时使用的手机号（例如 13800138000）或电子邮箱。")


class SmsCodeForm(PlainErrorsForm):
    """忘记查询密码, step two by phone: the 6-digit code the SMS brought."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=32)
    phone = forms.CharField(widget=forms.HiddenInput, max_length=30)
    sms_code = forms.RegexField(
        label="短信验证码", regex=r"^\s*\d{6}\s*$", max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"invalid": "请填写短信中的 6 位数字验证码。"},
    )
