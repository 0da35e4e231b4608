"""Shared steps for the portal tests: a citizen's form, and driving a written case to its answer."""
import http.client
import re
import sqlite3
import threading
import time
import urllib.parse

import pytest
from django.db import connection

from minpan.cases.transitions import apply
from tests import images
from tests.server_process import database_url, runserver

PNG = images.PNG  # a real 1×1 picture: the portal opens every image with Pillow
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A valid 18-digit ID number (checksum correct) and the writer's details.
ID_NUMBER = "150525198506123010"
WRITER = {"name": "王小明", "phone": "13800138000", "email": "wxm@example.cn"}


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MINPAN_FILES_DIR = tmp_path / "files"
    return settings.MINPAN_FILES_DIR


# ---- a real server process, for requests sent in parallel ------------------------------

@pytest.fixture
def server(tmp_path):
    """A threaded runserver on the test database; yields (port, database url)."""
    url = database_url(tmp_path)
    with runserver(tmp_path, {"DATABASE_URL": url, "MINPAN_FILES_DIR": str(tmp_path / "files"), "MINPAN_POLICY": "tongliao"}) as port:
        yield port, url


class Browser:
    """One browser on the server: keeps its cookies and the last form's CSRF token, follows no redirect."""

    def __init__(self, port: int):
        self.port, self.cookies, self.csrf = port, {}, ""

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        """(status, redirect target or page text)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf, **data})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(6):
            # runserver's listen queue holds 10 connections; a burst beyond it is reset and sent again,
            # as a browser (or an attacker's script) would
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                c.request(method, path, body, headers)
                resp = c.getresponse()
                break
            except (ConnectionResetError, ConnectionRefusedError, http.client.RemoteDisconnected):
                if attempt == 5:
                    raise
                time.sleep(0.2 * (attempt + 1))
        text = resp.read().decode()
        for h in resp.headers.get_all("Set-Cookie") or []:
            name, _, value = h.split(";")[0].partition("=")
            self.cookies[name.strip()] = value
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        self.csrf = found.group(1) if found else self.csrf
        return resp.status, resp.getheader("Location") or text

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> tuple[int, str]:
        return self.request("POST", path, data)


def at_once(calls) -> list:
    """Run the calls in threads released together; their results in order."""
    results: list = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(i, call):
        start.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


def run_sql(url: str, statement: str) -> None:
    """A statement on the server's database (a file copy on SQLite, the test database on PostgreSQL)."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.execute(statement)
    else:
        with connection.cursor() as cursor:
            cursor.execute(statement)


def form_data(client, url="/write/", **overrides):
    """The write form as a person fills it in, with the key the page handed out."""
    page = client.get(url)
    key = re.search(r'name="key" value="([^"]+)"', page.content.decode()).group(1)
    data = {
        "key": key, "name": WRITER["name"], "phone": WRITER["phone"], "email": WRITER["email"],
        "msg_type": "consult", "domain": "", "subject": "小区路灯不亮",
        "body": "幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，请尽快修复。",
        "may_publish": "yes", "consent": "on", "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def answered(city, case, *, body="已安排维修，三日内修复。", mode="public", handler=("李工", "0475-8123456")):
    """Drive a written case through the core to 'published' (as staff would)."""
    from minpan.policies.presets import PRESETS

    policy = PRESETS[case.policy_name]
    apply(case, "accept", actor=city.operator)
    apply(case, "classify", actor=city.operator, msg_type=policy.message_types[0], domain="urban")
    apply(case, "dispatch", actor=city.operator, lead=city.housing)
    apply(case, "claim", actor=city.handler)
    apply(case, "draft", actor=city.handler, body=body, handler_name=handler[0], handler_phone=handler[1])
    if policy.sign_off.level_for(case.channel):
        apply(case, "sign_off", actor=city.principal, sealed=True)
    if policy.follow_up.callback_before_submit:
        apply(case, "callback", actor=city.handler, note="已电话告知办理结果")
    apply(case, "submit", actor=city.handler)
    apply(case, "approve", actor=city.reviewer)
    return apply(case, "publish", actor=city.operator, mode=mode, public_note="" if mode == "public" else "涉及个人隐私，已直接答复本人。")
