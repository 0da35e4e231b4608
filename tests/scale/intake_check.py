"""Run in another process on the server's database (python -m tests.scale.intake_check): every
portal submission with what a complete one holds, as JSON on stdout."""
import json

import django

django.setup()

from minpan.cases.models import Case, Citizen, Event  # noqa: E402
from minpan.portal.models import Submission  # noqa: E402

citizens = set(Citizen.objects.values_list("case_id", flat=True))
events: dict[int, int] = {}
for case_id in Event.objects.values_list("case_id", flat=True):
    events[case_id] = events.get(case_id, 0) + 1
print(json.dumps({
    "cases": Case.objects.count(),
    "submissions": {
        s.key: {"code": s.case.tracking_code, "subject": s.case.subject, "body": s.case.body,
                "citizen": s.case_id in citizens, "events": events.get(s.case_id, 0)}
        for s in Submission.objects.select_related("case")
    },
}, ensure_ascii=False))
