"""Where e-mails and text messages go. SMS through a small interface: a log backend by
default, an HTTP gateway (URL + key) in production."""
from __future__ import annotations

import json
import logging
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage

log = logging.getLogger("minpan.notify")


class DeliveryError(Exception):
    pass


def mask_phone(phone: str) -> str:
    # Personal data never goes to the log in full.
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "****"


class LogSms:
    def send(self, phone: str, text: str, key: str = "") -> None:
        log.info("短信（日志后端，未实际发送）→ %s：%s", mask_phone(phone), text[:70])


class HttpSms:
    """POSTs {"to": phone, "text": text} as JSON with `Authorization: Bearer KEY` and, per delivery,
    `Idempotency-Key` (the same on every try, so the gateway sends a repeated request once);
    any non-2xx is a failure."""

    def __init__(self, url: str, key: str, timeout: float = 10):
        self.url, self.key, self.timeout = url, key, timeout

    def send(self, phone: str, text: str, key: str = "") -> None:
        body = json.dumps({"to": phone, "text": text}, ensure_ascii=False).encode()
        req = urllib.request.Request(
            self.url, data=body, method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {self.key}",
                     **({"Idempotency-Key": key} if key else {})},
        )
        try:
            # bandit B310 (urlopen of any scheme): the URL is MINPAN_SMS_URL, which settings.py accepts only as http:// or https://.
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # nosec B310
                if not 200 <= resp.status < 300:
                    raise DeliveryError(f"短信网关返回 {resp.status}")
        except OSError as exc:  # URLError, HTTPError, timeouts
            raise DeliveryError(f"短信网关不可用：{exc}") from None


def sms_backend():
    if settings.MINPAN_SMS_BACKEND == "http":
        return HttpSms(settings.MINPAN_SMS_URL, settings.MINPAN_SMS_KEY)
    return LogSms()


def send_email(address: str, title: str, text: str, message_id: str = "") -> None:
    """`message_id`: the same on every try of one delivery, so a copy sent again after a crash is
    recognised as the same message by the receiving side (RFC 5322 Message-ID)."""
    headers = {"Message-ID": message_id} if message_id else {}
    try:
        EmailMessage(title, text, None, [address], headers=headers).send(fail_silently=False)
    except Exception as exc:  # smtplib and socket errors differ by backend
        raise DeliveryError(f"邮件发送失败：{exc}") from None
