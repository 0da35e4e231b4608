"""Django's database sessions, the row read through a prepared statement (SESSION_ENGINE).

Every signed-in request reads its session first; building that select through the ORM cost
about as much CPU as the rest of the session's work (issue 17). The table, the stored data
and everything else are Django's own, so sessions made before this engine carry over.
"""
from __future__ import annotations

import datetime as dt

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from minpan.statements import Prepared

LIVE = Prepared(lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now), str, dt.datetime)


class SessionStore(DatabaseStore):
    def _get_session_from_db(self):
        # as Django's: an expired or unknown key reads as no session, and the key is dropped
        found = LIVE.rows(self.session_key, timezone.now())
        if not found:
            self._session_key = None
            return None
        return found[0]
