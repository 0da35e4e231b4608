"""What the portal holds about the writer of one case, for them to see, export, correct or have
erased (个人信息保护法 第四十四至四十七条). The writer is who has the code and the password; they
see their own message, contact details, files, the published answer, their rating and follow-up,
the notices sent to them and their own requests: never staff notes, drafts, the units' internal
steps or anyone else's data. Thin views over one selector (`held`) and the services."""
from __future__ import annotations

import datetime as dt
import json

from django import forms
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from minpan.cases.errors import CaseError
from minpan.cases.models import Case, Citizen
from minpan.cases.publication import reply_unit_name
from minpan.notify.models import Delivery
from minpan.plain_errors import PlainErrorsForm
from minpan.privacy.erasure import case_erase

from . import own_case
from .forms import phone_number
from .models import Attachment, DataRequest, DataRequestKind
from .views import SESSION_CASE, _session_case


class ContactForm(PlainErrorsForm):
    """The contact details the writer may change themselves (PIPL 第四十六条): how to reach them."""

    phone = forms.CharField(label="手机或电话", max_length=30, required=False)
    email = forms.EmailField(label="电子邮箱", max_length=120, required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)

    def clean_phone(self):
        return phone_number(self.cleaned_data.get("phone", ""), "电话号码格式不对：请填写手机号或带区号的固定电话。")


class CorrectionForm(PlainErrorsForm):
    text = forms.CharField(label="需要更正的内容", min_length=5, max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="例如留言里写错的姓名、证件号、地点。受理中心核实后更正，并在办理进度中答复您。")


class EraseForm(PlainErrorsForm):
    confirm = forms.BooleanField(label="我确认删除：删除后无法恢复，也无法再用查询码查看答复内容的原文")


def held(case: Case) -> dict:
    """Everything the writer may see that is held about them, as plain data (the page and the JSON)."""
    citizen = Citizen.objects.filter(case=case).first()
    reply = own_case.reply_for_writer(case)
    label, _ = own_case.plain_state(case)
    return {
        "留言": {
            "查询码": case.tracking_code, "登记编号": case.reg_no or "", "提交时间": _when(case.received_at),
            "状态": label, "标题": case.subject, "内容": case.body,
            "同意公开": case.may_publish, "同意公开本人个人信息": case.publish_personal,
        },
        "个人信息": {
            "姓名": citizen.name, "电话": citizen.phone, "电子邮箱": citizen.email,
            "邮箱已确认": citizen.email_confirmed_at is not None, "身份证号": citizen.id_number,
            "地址": citizen.address, "工作单位": citizen.employer, "提交时的IP地址": citizen.ip or "",
        } if citizen else {},
        "附件": [{"文件名": a.name, "类型": a.content_type, "大小（字节）": a.size, "上传时间": _when(a.uploaded_at)}
                 for a in Attachment.objects.filter(case=case).order_by("uploaded_at", "pk")],
        "办理进程": [{"时间": _when(s.at), "事项": s.text + (f"：{s.detail}" if s.detail else "")} for s in own_case.timeline(case)],
        "答复": {"单位": reply_unit_name(reply), "时间": _when(case.answered_at), "内容": reply.body} if reply else {},
        "评价": {"评价": case.get_rating_display() if case.rating else "", "意见": case.rating_comment,
                 "追问": case.follow_up, "追问时间": _when(case.follow_up_at)},
        "发给您的通知": [{"方式": d.get_channel_display(), "标题": d.title, "内容": d.text, "发送时间": _when(d.sent_at)}
                        for d in Delivery.objects.filter(case=case).order_by("queued_at", "pk")],
        "您的个人信息请求": [{"请求": r.get_kind_display(), "内容": r.text, "时间": _when(r.at), "已处理": r.done_at is not None}
                            for r in DataRequest.objects.filter(case=case).order_by("at", "pk")],
        "保存期限": "办结后按档案管理规定保存；留言人信息在办结满规定年限后删除，依法保全的除外。",
    }


def _when(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _page(request, case, *, code=200, contact=None, correction=None, erase=None, done=""):
    citizen = Citizen.objects.filter(case=case).first()
    initial = {"phone": citizen.phone, "email": citizen.email, "address": citizen.address} if citizen else {}
    return render(request, "portal/my_data.html", {
        "case": case, "held": held(case), "done": done,
        "contact_form": contact or ContactForm(initial=initial), "correction_form": correction or CorrectionForm(),
        "erase_form": erase or EraseForm(),
    }, status=code)


@never_cache
def my_data(request):
    case = _session_case(request)
    if case is None:
        return redirect("portal:query")
    return _page(request, case, done=request.GET.get("done", "")[:20])


@never_cache
def my_data_json(request):
    case = _session_case(request)
    if case is None:
        return redirect("portal:query")
    body = json.dumps(held(case), ensure_ascii=False, indent=2)
    resp = HttpResponse(body, content_type="application/json; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="minpan-{case.tracking_code}.json"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


@require_POST
@never_cache
def change_contact(request):
    case = _session_case(request)
    if case is None:
        return redirect("portal:query")
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _page(request, case, code=400, contact=form)
    d = form.cleaned_data
    with transaction.atomic():
        citizen, _ = Citizen.objects.select_for_update().get_or_create(case=case)
        if citizen.email != d["email"]:
            citizen.email_confirmed_at = None  # a new address is confirmed before mail goes there
        citizen.phone, citizen.email, citizen.address = d["phone"], d["email"], d["address"]
        citizen.save()
    return redirect("/status/my-data/?done=contact")


@require_POST
@never_cache
def ask_correction(request):
    case = _session_case(request)
    if case is None:
        return redirect("portal:query")
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _page(request, case, code=400, correction=form)
    DataRequest.objects.create(case=case, kind=DataRequestKind.CORRECT, text=form.cleaned_data["text"], at=timezone.now())
    return redirect("/status/my-data/?done=correction")


@require_POST
@never_cache
def erase(request):
    case = _session_case(request)
    if case is None:
        return redirect("portal:query")
    form = EraseForm(request.POST)
    if not form.is_valid():
        return _page(request, case, code=400, erase=form)
    try:
        with transaction.atomic():
            case_erase(case=case)
            DataRequest.objects.create(case=case, kind=DataRequestKind.ERASE, at=timezone.now(), done_at=timezone.now())
    except CaseError as exc:
        form.add_error(None, str(exc))
        return _page(request, case, code=409, erase=form)
    request.session.pop(SESSION_CASE, None)
    return render(request, "portal/my_data_erased.html")
