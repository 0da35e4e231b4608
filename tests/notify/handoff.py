"""What the hand-off tests share: everyone reachable, and who was told what by a step."""
from __future__ import annotations

from collections import Counter

from minpan.cases.models import Case
from minpan.cases.transitions import apply
from minpan.notify.models import Delivery, Notification
from minpan.units.models import Membership

# the writer's identity in a withheld-identity case (tests.flow.CITIZEN's name, in the subject)
WRITER_NAME = "王小明"


def make_reachable(city) -> None:
    """Every staff member has an e-mail address and a mobile number, as in a real deployment."""
    for n, person in enumerate(p for p in vars(city).values() if hasattr(p, "get_username")):
        person.email = f"{person.get_username()}@example.gov.cn"
        person.save(update_fields=["email"])
        Membership.objects.filter(user=person).update(phone=f"1390000{n:04d}")


class Step:
    """One action applied and its after-commit hand-offs run; what it told whom."""

    def __init__(self, capture, case: Case | int, action: str, **kw):
        before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        writer_before = Delivery.objects.filter(notification__isnull=True).count()
        with capture(execute=True):
            self.case = apply(case, action, **kw)
        self.notes = list(Notification.objects.filter(pk__gt=before).select_related("recipient").order_by("pk"))
        self.writer_messages = Delivery.objects.filter(notification__isnull=True).count() - writer_before

    def told(self, kind: str | None = None) -> Counter:
        """{username: how many notices} of the kind (every kind when None)."""
        return Counter(n.recipient.get_username() for n in self.notes if kind is None or n.kind == kind)

    def note_of(self, username: str) -> Notification:
        [note] = [n for n in self.notes if n.recipient.get_username() == username]
        return note

    def channels(self, username: str) -> set[str]:
        return set(Delivery.objects.filter(notification=self.note_of(username)).values_list("channel", flat=True))


def withheld(city, policy: str = "tongliao", *, now=None) -> Case:
    """A registered message that complains about the 市住建局: its writer is withheld from units."""
    from tests.flow import collect

    case = collect(policy, now=now, subject=f"{WRITER_NAME}反映市住建局推诿",
                   body=f"我是{WRITER_NAME}，去市住建局办事三次都被推诿，请中心督促。")
    apply(case, "accept", actor=city.operator, now=now)
    return apply(case, "classify", actor=city.operator, now=now, msg_type="complaint", domain="urban", identity_withheld=True)
