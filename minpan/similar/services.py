"""Writing the near-duplicate index: one case as it arrives, or all of them in batches."""
from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from minpan.cases.models import Case

from .fingerprints import fingerprints
from .models import Indexed, Sample

# Bump when fingerprints() changes (shingle size, window, hash): reindex then redoes every case.
VERSION = 1
SIZE_MAX = 32767  # PositiveSmallIntegerField; a 5,000-character message keeps about 480


def rows_for(case_id: int, subject: str, body: str) -> tuple[list[Sample], int]:
    prints = fingerprints(subject, body)
    size = min(len(prints), SIZE_MAX)
    return [Sample(fingerprint=fp, case_id=case_id, size=size) for fp in prints], size


def index_case(case: Case) -> int:
    """Put one case's fingerprints in the index (replacing any). Called by similar.listeners inside
    the transaction that collects the case, so a message is findable the moment it exists."""
    samples, size = rows_for(case.pk, case.subject, case.body)
    with transaction.atomic():
        Sample.objects.filter(case_id=case.pk).delete()
        Sample.objects.bulk_create(samples)
        Indexed.objects.update_or_create(case_id=case.pk, defaults={"size": size, "version": VERSION})
    return size


def reindex(*, batch: int = 2000, restart: bool = False, progress: Callable[[int, int], None] | None = None) -> int:
    """Index every case that is missing or indexed by an older VERSION, in batches of `batch` cases,
    each batch its own transaction: stopped half-way, the next run goes on from where it stopped.
    `restart` empties the index first. Returns how many cases were indexed."""
    if restart:
        Sample.objects.all().delete()
        Indexed.objects.all().delete()
    done, after = 0, 0
    todo = Case.objects.exclude(pk__in=Indexed.objects.filter(version=VERSION).values("case_id"))
    total = todo.count()
    while True:
        chunk = list(todo.filter(pk__gt=after).order_by("pk").values_list("pk", "subject", "body")[:batch])
        if not chunk:
            return done
        samples, marks = [], []
        for pk, subject, body in chunk:
            rows, size = rows_for(pk, subject, body)
            samples += rows
            marks.append(Indexed(case_id=pk, size=size, version=VERSION))
        ids = [pk for pk, _, _ in chunk]
        with transaction.atomic():
            Sample.objects.filter(case_id__in=ids).delete()
            Indexed.objects.filter(case_id__in=ids).delete()
            Sample.objects.bulk_create(samples, batch_size=5000)
            Indexed.objects.bulk_create(marks)
        done += len(chunk)
        after = ids[-1]
        if progress:
            progress(done, total)
