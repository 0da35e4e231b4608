"""回头看 (Chizhou 第九条(七)): 市政府办公室对已办结事项不定期开展“回头看”，核查办理措施落实情况.

The center draws a sample of the cases answered in a period (published or archived), by a number
or a share of them, at random but seeded by the period, so the same draw on the same cases comes
out again; a case is drawn once, ever. Checking one (Action.LOOK_BACK, effects.lookback) records
措施已落实 / 部分落实 / 未落实 on its item and on the case's timeline; 未落实 is reopened by REOPEN.

The statistics count LookBackItem rows: by sample (its period), by result, by unit through the case.
"""
from __future__ import annotations

import datetime as dt
import math
import random

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from minpan.policies.active import policy_named

from .errors import RuleViolation
from .models import Case, LookBackItem, LookBackResult, LookBackSample
from .states import State

CLOSED = (State.PUBLISHED, State.ARCHIVED)
MAX_SIZE = 500


def eligible(since: dt.date, until: dt.date) -> QuerySet[Case]:
    """Cases answered in the period, closed, under a policy that looks back, never drawn before."""
    answered = Case.objects.filter(
        state__in=CLOSED, answered_at__isnull=False, answered_at__date__gte=since, answered_at__date__lte=until,
        look_back__isnull=True,
    )
    names = [n for n in answered.values_list("policy_name", flat=True).distinct() if policy_named(n).follow_up.look_back]
    return answered.filter(policy_name__in=names)


def seed_of(since: dt.date, until: dt.date) -> str:
    return f"回头看:{since.isoformat()}:{until.isoformat()}"


def draw(*, since: dt.date, until: dt.date, size: int | None = None, percent: int | None = None,
         by=None, now: dt.datetime) -> LookBackSample:
    """Draw a sample: `size` cases, or `percent` of those eligible (at least one)."""
    if since > until:
        raise RuleViolation("抽查期间的起始日期不能晚于结束日期。")
    if until > timezone.localdate(now):
        raise RuleViolation("抽查期间不能晚于今天。")
    if (size is None) == (percent is None):
        raise RuleViolation("请填写抽取件数或抽取比例（二选一）。")
    if size is not None and not 1 <= size <= MAX_SIZE:
        raise RuleViolation(f"抽取件数应在 1 到 {MAX_SIZE} 之间。")
    if percent is not None and not 1 <= percent <= 100:
        raise RuleViolation("抽取比例应在 1% 到 100% 之间。")
    seed = seed_of(since, until)
    try:
        with transaction.atomic():
            pool = sorted(eligible(since, until).values_list("pk", flat=True))
            if not pool:
                raise RuleViolation("该期间没有可抽查的已办结留言（已抽查过的不再抽取）。")
            wanted = size if size is not None else math.ceil(len(pool) * (percent or 0) / 100)
            chosen = random.Random(seed).sample(pool, min(wanted, len(pool)))  # nosec B311: a sample, not a secret
            sample = LookBackSample.objects.create(since=since, until=until, size=size, percent=percent, pool=len(pool),
                                                   seed=seed, drawn_at=now, drawn_by=by)
            LookBackItem.objects.bulk_create([LookBackItem(sample=sample, case_id=pk) for pk in sorted(chosen)])
    except IntegrityError:
        # another draw took one of these cases at the same moment; drawing again leaves it out
        raise RuleViolation("另一次抽查同时抽中了部分留言，请重新抽取。") from None
    return sample


def awaiting_result(case) -> bool:
    """The case is in a sample and its check is not yet recorded."""
    return LookBackItem.objects.filter(case=case, result="").exists()


def found_not_done(case) -> bool:
    return LookBackItem.objects.filter(case=case, result=LookBackResult.NOT_DONE).exists()


def samples() -> QuerySet[LookBackSample]:
    """Every sample, newest first, with its counts by result."""
    return LookBackSample.objects.order_by("-drawn_at", "-pk").annotate(
        drawn=Count("items"),
        checked=Count("items", filter=~Q(items__result="")),
        **{r.value: Count("items", filter=Q(items__result=r.value)) for r in LookBackResult},
    )
