"""The writer's pages: write, receipt, 一键查询, status and rating. Thin: parse, call one service, render."""
from __future__ import annotations

import secrets
import time

from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from minpan.cases.errors import CaseError
from minpan.cases.models import Case, Citizen
from minpan.cases.publication import handler_contact, reply_unit_name
from minpan.cases.services import BODY_MAX, SUBJECT_MAX
from minpan.cases.states import Action
from minpan.cases.transitions import apply
from minpan.policies.active import active_policy
from minpan.workdays.arith import deadline_day

from . import challenge, confirm_email, own_case, promise, services, uploads
from .forms import (
    BODY_MIN,
    CONSENT_TEXT,
    PERSONAL_TEXT,
    ErrorReportForm,
    FollowUpForm,
    QueryForm,
    RateForm,
    WriteForm,
)
from .limits import client_ip
from .models import Submission

RECEIPT_COOKIE = "minpan_receipt"
SESSION_CASE = "portal_case"
SESSION_TTL = 30 * 60  # a looked-up case stays open this many seconds
ELDER_COOKIE = "minpan_elder"


def home(request):
    policy = active_policy()
    return render(request, "portal/home.html", {
        "policy": policy, "promise": promise.promise(policy, timezone.now()),
        "channel": promise.channel_label(promise.web_channel(policy)),
        "error_channel": promise.error_channel(policy),
    })


@never_cache
def write(request):
    policy = active_policy()
    kwargs = {"contact_required": promise.contact_required(policy), "message_types": promise.message_types(policy)}
    bound = request.method == "POST"
    form = WriteForm(request.POST if bound else None, request.FILES if bound else None, initial={"key": _new_key()}, **kwargs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            submission, _ = services.portal_submit(
                key=d["key"], channel=promise.web_channel(policy), subject=d["subject"], body=d["body"],
                citizen=form.citizen(), may_publish=d["may_publish"], publish_personal=d["publish_personal"],
                files=d["attachments"], site=_site(request), ip=client_ip(request),
                check_token=d["check_token"], check_answer=d["check_answer"],
                suggested_type=d["msg_type"], suggested_domain=d["domain"],
            )
        except CaseError as exc:
            form.add_error("check_answer" if isinstance(exc, services.NeedsCheck) else None, str(exc))
        else:
            return _to_receipt(submission)
    return render(request, "portal/write.html", {
        "form": form, "policy": policy, "channel": promise.channel_label(promise.web_channel(policy)),
        "promise": promise.promise(policy, timezone.now()), "consent_text": CONSENT_TEXT, "personal_text": PERSONAL_TEXT,
        "limits": {"subject": SUBJECT_MAX, "body": BODY_MAX, "body_min": BODY_MIN, "files": uploads.RULE_TEXT},
        "check": _check_for(request, form),
    }, status=400 if form.is_bound else 200)


@never_cache
def report_error(request):
    """我为政府网站找错 (Naiman 第五条): its own channel, answered within the policy's limit."""
    policy = active_policy()
    channel = promise.error_channel(policy)
    form = ErrorReportForm(request.POST if request.method == "POST" else None, initial={"key": _new_key()}, contact_required=promise.contact_required(policy))
    if channel and request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            submission, _ = services.portal_submit(
                key=d["key"], channel=channel, subject=form.subject(), body=form.body(), citizen=form.citizen(),
                may_publish=False, site=_site(request), ip=client_ip(request), check_token=d["check_token"], check_answer=d["check_answer"],
            )
        except CaseError as exc:
            form.add_error("check_answer" if isinstance(exc, services.NeedsCheck) else None, str(exc))
        else:
            return _to_receipt(submission)
    return render(request, "portal/report_error.html", {
        "form": form, "channel": channel, "policy": policy, "consent_text": CONSENT_TEXT,
        "promise": promise.promise(policy, timezone.now()), "check": _check_for(request, form),
    }, status=400 if form.is_bound else 200)


def _site(request) -> str:
    """Scheme and host as the writer reached us (Django has checked the host against ALLOWED_HOSTS)."""
    return request.build_absolute_uri("/").rstrip("/")


def _new_key() -> str:
    return secrets.token_urlsafe(24)


def _check_for(request, form) -> dict | None:
    """The small check, only when the writer is near a limit (or was just asked for it)."""
    contacts = []
    if form.is_bound:
        contacts = [form.data.get("phone", ""), form.data.get("email", "")]
    if not (services.check_needed(client_ip(request), [c for c in contacts if c]) or form.errors.get("check_answer")):
        return None
    question, token = challenge.make()
    form.data = form.data.copy() if form.is_bound else form.data
    if form.is_bound:
        form.data["check_token"], form.data["check_answer"] = token, ""
    else:
        form.initial["check_token"] = token
    return {"question": question}


def _to_receipt(submission: Submission) -> HttpResponseRedirect:
    response = redirect("portal:receipt", key=submission.key)
    # Only the browser that wrote the message may open its receipt.
    response.set_cookie(RECEIPT_COOKIE, submission.key, max_age=int(services.RECEIPT_TTL.total_seconds()),
                        path="/", httponly=True, samesite="Lax")
    return response


@never_cache
def receipt(request, key: str):
    # a key with NUL is no key of ours (and PostgreSQL refuses NUL in a text comparison)
    submission = Submission.objects.filter(key=key).select_related("case").first() if "\x00" not in key else None
    if submission is None or request.COOKIES.get(RECEIPT_COOKIE) != key:
        # Another browser (a link sent on, a phone after the computer): the password was for the
        # writer's eyes once; say so kindly and how to look the message up, and show nothing of it.
        return render(request, "portal/receipt_elsewhere.html", status=404)
    policy = active_policy()
    citizen = Citizen.objects.filter(case=submission.case).first()
    return render(request, "portal/receipt.html", {
        "case": submission.case, "password": services.receipt_password(submission),
        "email": confirm_email.masked(citizen.email) if citizen and not citizen.email_confirmed_at else "",
        "promise": promise.promise(policy, submission.created_at), "policy": policy,
        "link_days": confirm_email.VALID_DAYS,
    })


@never_cache
def query(request):
    form = QueryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.portal_lookup(code=form.cleaned_data["code"], password=form.cleaned_data["password"], ip=client_ip(request))
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            request.session.cycle_key()
            request.session[SESSION_CASE] = {"id": case.pk, "at": time.time()}
            return redirect("portal:status")
    return render(request, "portal/query.html", {"form": form}, status=400 if form.is_bound else 200)


def _session_case(request) -> Case | None:
    held = request.session.get(SESSION_CASE)
    if not isinstance(held, dict) or time.time() - float(held.get("at", 0)) > SESSION_TTL:
        return None
    case_id = held.get("id")
    if not isinstance(case_id, int):
        return None
    return Case.objects.filter(pk=case_id).select_related("lead_unit").first()


@never_cache
def status(request):
    case = _session_case(request)
    if case is None:
        return redirect("portal:query")
    return _render_status(request, case, RateForm())


def _render_status(request, case, rate_form, code=200, follow_up_form=None):
    reply = own_case.reply_for_writer(case)
    label, sentence = own_case.plain_state(case)
    return render(request, "portal/status.html", {
        "can_follow_up": own_case.can_follow_up(case), "follow_up_form": follow_up_form or FollowUpForm(),
        "case": case, "state_label": label, "state_sentence": sentence, "steps": own_case.timeline(case),
        "reply": reply, "explained": reply is not None and own_case.answer_is_explanation(case),
        "reply_unit": reply_unit_name(reply), "handler_contact": handler_contact(case, reply),
        "merged": own_case.merged_view(case),
        "due_day": deadline_day(case.due_at) if case.due_at else None, "can_rate": own_case.can_rate(case), "rate_form": rate_form,
        "attachments": case.portal_attachments.all(), "delay": own_case.delay_explained(case, timezone.now()),
    }, status=code)


@never_cache
def confirm_address(request, token: str):
    """The link in the confirmation e-mail. Opening it only shows the button (mail scanners open
    links); the button confirms the address and sends the receipt there."""
    try:
        if request.method == "POST":
            _, confirmed_now = confirm_email.email_confirm(token=token)
            return render(request, "portal/confirm_email.html", {"done": True, "again": not confirmed_now})
        citizen = confirm_email.citizen_for_link(token=token)
    except confirm_email.BadLink as exc:
        return render(request, "portal/confirm_email.html", {"error": str(exc)}, status=400)
    return render(request, "portal/confirm_email.html", {
        "address": confirm_email.masked(citizen.email), "confirmed": citizen.email_confirmed_at is not None,
    })


@require_POST
@never_cache
def rate(request):
    case = _session_case(request)
    if case is None:
        return redirect("portal:query")
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.portal_rate(case=case, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(reverse("portal:status") + "#rating")
    case.refresh_from_db()
    return _render_status(request, case, form, code=400)


@require_POST
@never_cache
def follow_up(request):
    """追问: the writer who rated the answer 不满意 follows it up once, from the status page."""
    case = _session_case(request)
    if case is None:
        return redirect("portal:query")
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            apply(case, Action.FOLLOW_UP, text=form.cleaned_data["text"])
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(reverse("portal:status") + "#follow-up")
    case.refresh_from_db()
    return _render_status(request, case, RateForm(), code=400, follow_up_form=form)


def elder(request):
    """适老化: large text and high contrast, kept in a cookie; works without JavaScript."""
    on = request.GET.get("on") == "1"
    target = request.GET.get("next") or "/"
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if on:
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(ELDER_COOKIE)
    return response
