"""Sign-in with lockout, sign-out, and the home page of each role."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from .. import lockout
from ..clock import Clock
from ..queues import counts, queues_for
from .common import role_labels, staff_roles


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in(request):
    """Password sign-in. The lockout is axes' (minpan.desk.lockout), shared with the admin: a
    locked try gets axes' page (desk/locked.html) from its middleware, whatever is rendered here."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    error, status, username = "", 200, ""
    if request.method == "POST":
        # NUL is no name's character, and PostgreSQL refuses it in the lockout's text column
        username = (request.POST.get("username") or "").replace("\x00", "").strip()
        password = request.POST.get("password") or ""
        if not username or not password:
            error, status = "请输入用户名和密码。", 400
        elif len(username) > 150 or len(password) > 4096 or "\0" in username:
            error, status = "用户名或密码不正确。", 400
        else:
            user = authenticate(request, username=username, password=password)
            if user is not None:
                login(request, user)  # a new session id: Django cycles the key
                return redirect(next_url or "desk:home")
            if getattr(request, "axes_locked_out", False):
                error, status = lockout.lock_message(lockout.locked_until(request, {"username": username})), 429
            else:
                left = max(settings.AXES_FAILURE_LIMIT - getattr(request, "axes_failures_since_start", 0), 1)
                error, status = f"用户名或密码不正确。再错 {left} 次，该账号将在本机锁定 15 分钟。", 400
    return render(request, "desk/login.html", {"error": error, "username": username, "next": next_url}, status=status)


@require_POST
def sign_out(request):
    logout(request)
    return redirect("desk:login")


@login_required
def home(request):
    roles = staff_roles(request.user)
    clock = Clock()
    queues = queues_for(roles)
    return render(request, "desk/home.html", {
        "roles": role_labels(roles), "tabs": _tabs(request.user, queues, clock),
    })


def _tabs(user, queues, clock):
    sizes = counts(user, queues, clock)
    return [{"queue": q, "count": sizes.get(q.slug)} for q in queues]
