"""Log lines that cannot be forged and carry no personal data or secrets.

`CleanLogFilter` (on every handler in settings.LOGGING) renders each record's message once, then:
control characters (CR and LF first) are written as escapes, so a value such as "x\\n伪造行"
cannot start a fake line; phone, ID, bank card numbers and e-mail addresses are masked with
minpan.redaction; the values after password/token/key/secret/Authorization are replaced.
`CleanFormatter` does the same to tracebacks, keeping their lines but indenting them, so every
line that starts at the margin is one record's own.
"""
from __future__ import annotations

import logging
import re

from minpan.redaction import spans

# What the redaction engine finds that is worth hiding in a log (not names and places: log
# messages are ours, and a unit's name or a case number is what an operator needs to read).
MASKED_KINDS = frozenset({"mobile", "landline", "id", "bank", "email"})
_SECRET = re.compile(
    r"(?i)(password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|sms[_-]?key|sessionid|csrftoken"
    r"|authorization|密码|口令|令牌)"
    r"(\"?'?\s*[:=：]\s*\"?'?\s*(?:bearer\s+|basic\s+)?)"
    r"([^\s\"',;&)}\]]+)"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_controls(text: str) -> str:
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


def mask(text: str) -> str:
    """Secrets and personal numbers out of `text` (control characters left as they are)."""
    text = _SECRET.sub(lambda m: f"{m.group(1)}{m.group(2)}***", text)
    out, pos = [], 0
    for span in spans(text):
        if span.kind in MASKED_KINDS:
            out += [text[pos:span.start], span.replacement]
            pos = span.end
    out.append(text[pos:])
    return "".join(out)


def clean(text: str) -> str:
    return escape_controls(mask(text))


class CleanLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_minpan_clean", False):  # one record, several handlers: once is enough
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is rather than lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = clean(message), None
        record._minpan_clean = True
        return True


class CleanFormatter(logging.Formatter):
    def formatException(self, ei) -> str:
        return _indented(mask(super().formatException(ei)))

    def formatStack(self, stack_info: str) -> str:
        return _indented(mask(super().formatStack(stack_info)))


def _indented(text: str) -> str:
    # A traceback is many lines by nature; each is escaped on its own and indented under its record.
    return "\n".join("    " + escape_controls(line) for line in text.splitlines())
