"""An e-mail backend for the worker tests: a receiving server that records every message it
accepts (its Message-ID and recipients, one JSON line, on disk at once) and then takes
SLOW_MAIL_ACK_SECONDS to answer — the moment a worker can be killed after the mail went out
but before it learnt so."""
import json
import os
import time

from django.core.mail.backends.base import BaseEmailBackend


class SlowMail(BaseEmailBackend):
    def send_messages(self, messages):
        for message in messages:
            line = {"id": message.message()["Message-ID"], "to": message.to, "subject": message.subject}
            with open(os.environ["SLOW_MAIL_FILE"], "a", encoding="utf-8") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
                f.flush()
                os.fsync(f.fileno())
            time.sleep(float(os.environ.get("SLOW_MAIL_ACK_SECONDS") or 0))
        return len(messages)
