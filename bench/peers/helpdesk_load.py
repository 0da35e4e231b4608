"""Inside the helpdesk virtualenv: migrate, then load --records tickets the way bench/desk_pages.py
loads minpan's cases (the same share closed, five years of history, 40 assignees), a few tickets
with a real follow-up history for the ticket page, then ANALYZE. Prints one line of JSON:
{"staff": username, "ticket": id, "queue": id}."""
import argparse
import datetime as dt
import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpdesk_site.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket  # noqa: E402

PASSWORD = "bench-password-1234"
SUBJECTS = ["小区路灯不亮", "供暖温度不达标", "道路积水严重", "学校周边交通拥堵", "噪音扰民", "养老金发放咨询", "医保报销问题",
            "农贸市场卫生差", "公交线路调整建议", "物业收费不合理", "垃圾清运不及时", "施工夜间扰民"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100_000)
    args = ap.parse_args()
    call_command("migrate", verbosity=0)
    User = get_user_model()
    staff = User.objects.filter(username="hd_staff").first() or User.objects.create_user(
        "hd_staff", password=PASSWORD, is_staff=True, is_superuser=True)
    people = [User.objects.get_or_create(username=f"hd_agent{i:02d}", defaults={"is_staff": True})[0] for i in range(40)]
    queue, _ = Queue.objects.get_or_create(slug="bench", defaults={"title": "民盼基准", "allow_public_submission": True})
    have = Ticket.objects.count()
    rng = random.Random(20260301)
    now = timezone.now()
    with transaction.atomic():
        batch = []
        for i in range(have, args.records):
            closed = rng.random() < 0.91  # archived, published, not accepted in minpan's mix
            created = now - (rng.random() * dt.timedelta(days=5 * 365) if closed else rng.uniform(0, 20) * dt.timedelta(days=1))
            subject = rng.choice(SUBJECTS)
            batch.append(Ticket(
                title=f"{subject}（{i}）", queue=queue, created=created, modified=created, submitter_email=f"w{i}@example.cn",
                assigned_to=None if rng.random() < 0.01 else rng.choice(people), status=Ticket.CLOSED_STATUS if closed else Ticket.OPEN_STATUS,
                description="留言内容：" + rng.choice(SUBJECTS) * 8, priority=3,
            ))
            if len(batch) >= 5000:
                Ticket.objects.bulk_create(batch)
                batch = []
        Ticket.objects.bulk_create(batch)
    walked = Ticket.objects.filter(title="基准：小区路灯不亮").first()
    if walked is None:
        walked = Ticket.objects.create(title="基准：小区路灯不亮", queue=queue, submitter_email="wxm@example.cn",
                                       description="路灯坏了一个月。" * 10, assigned_to=staff)
        for text in ("已受理", "已交办住建局", "已认领", "答复：已修复。", "已审签"):
            FollowUp.objects.create(ticket=walked, user=staff, title=text, comment=text, public=True)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(json.dumps({"staff": "hd_staff", "ticket": walked.pk, "queue": queue.pk, "tickets": Ticket.objects.count()}))


if __name__ == "__main__":
    main()
