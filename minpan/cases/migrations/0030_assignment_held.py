"""A unit's held cases read from one index (issue 17).

A unit's tabs and queue pages ask for the cases it holds: an EXISTS over its active assignments.
assignment_unit_active (unit, active) sent PostgreSQL to the table for every case id; at
1,000,000 cases one unit holds about 27,000 (most archived, since an assignment stays active
after the answer), and reading them took 24–28 ms of each of the two queries on every queue
page. (unit, case) for the active rows alone is an index-only scan: 2 ms.

Built CONCURRENTLY on PostgreSQL, so a deploy on a large database does not stop writes to
assignments (every dispatch) while it builds; hence not atomic.
"""
from django.db import migrations, models
from django.db.models import Q

NEW = "assignment_held"
OLD = "assignment_unit_active"


def _sql(vendor: str, forward: bool) -> list[str]:
    concurrently = " CONCURRENTLY" if vendor == "postgresql" else ""
    held = f"CREATE INDEX{concurrently} IF NOT EXISTS {NEW} ON cases_assignment (unit_id, case_id) WHERE active"
    unit_active = f"CREATE INDEX{concurrently} IF NOT EXISTS {OLD} ON cases_assignment (unit_id, active)"
    if forward:
        return [held, f"DROP INDEX{concurrently} IF EXISTS {OLD}"]
    return [unit_active, f"DROP INDEX{concurrently} IF EXISTS {NEW}"]


def forward(apps, schema_editor):
    for sql in _sql(schema_editor.connection.vendor, True):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in _sql(schema_editor.connection.vendor, False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("cases", "0029_followed_steps")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="assignment", name=OLD),
                migrations.AddIndex(model_name="assignment",
                                    index=models.Index(condition=Q(active=True), fields=["unit", "case"], name=NEW)),
            ],
            database_operations=[migrations.RunPython(forward, backward)],
        ),
    ]
