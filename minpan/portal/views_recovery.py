"""忘记查询密码: thin pages over portal.recovery. Nothing here says whether a code or a contact exists."""
from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from minpan.cases.errors import CaseError

from . import recovery
from .forms import ForgotForm, SmsCodeForm
from .limits import client_ip


@never_cache
def forgot(request):
    form = ForgotForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code, contact = form.cleaned_data["code"], form.cleaned_data["contact"]
        try:
            recovery.recovery_ask(code=code, contact=contact, ip=client_ip(request))
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            if recovery.is_email(contact):
                return render(request, "portal/forgot_sent.html", {"by": "email"})
            return render(request, "portal/forgot_code.html", {
                "form": SmsCodeForm(initial={"code": code, "phone": contact}), "minutes": recovery.CODE_MINUTES,
            })
    return render(request, "portal/forgot.html", {"form": form}, status=400 if form.is_bound else 200)


@require_POST
@never_cache
def forgot_code(request):
    form = SmsCodeForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            recovery.recovery_by_sms(code=d["code"], phone=d["phone"], sms_code=d["sms_code"], ip=client_ip(request))
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "portal/forgot_sent.html", {"by": "sms"})
    return render(request, "portal/forgot_code.html", {"form": form, "minutes": recovery.CODE_MINUTES, "again": True}, status=400)
