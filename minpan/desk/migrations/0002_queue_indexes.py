"""Indexes the queues need on the core's tables (see docs/performance.md).

They live here rather than in cases.Case.Meta so the workspace's read paths do not
change the core's models; on PostgreSQL the first one is a covering partial index:
the queue counts and the ids of a page are read from it alone, never from the
(mostly archived) table. Its state list is queues.COUNTED_STATES.
"""
from django.db import migrations

UNARCHIVED = ("received", "not_accepted", "accepted", "registered", "dispatched", "returned", "in_progress", "drafted",
              "signed", "submitted", "sent_back", "approved", "published")
_in = ", ".join(f"'{s}'" for s in UNARCHIVED)

HOLDING = ("dispatched", "in_progress", "drafted", "signed", "submitted", "sent_back")
_holding = ", ".join(f"'{s}'" for s in HOLDING)
# INCLUDE: the columns the queue filters read, so counts and page ids never visit the table
INCLUDE = "INCLUDE (state, due_at, received_at, extension_pending, callback_due, lead_unit_id)"

POSTGRES = [
    f"CREATE INDEX IF NOT EXISTS desk_case_unarchived ON cases_case (state, id) {INCLUDE} WHERE state IN ({_in})",
    # 即将到期 / 已逾期: a range of due_at among the cases a unit holds
    f"CREATE INDEX IF NOT EXISTS desk_case_holding_due ON cases_case (due_at, id) {INCLUDE} WHERE state IN ({_holding})",
    f"CREATE INDEX IF NOT EXISTS desk_case_extension_pending ON cases_case (due_at, id) {INCLUDE} WHERE extension_pending",
    f"CREATE INDEX IF NOT EXISTS desk_case_callback_due ON cases_case (received_at, id) {INCLUDE} WHERE callback_due",
]
SQLITE = [
    f"CREATE INDEX IF NOT EXISTS desk_case_holding_due ON cases_case (due_at, id) WHERE state IN ({_holding})",
    "CREATE INDEX IF NOT EXISTS desk_case_extension_pending ON cases_case (due_at, id) WHERE extension_pending",
    "CREATE INDEX IF NOT EXISTS desk_case_callback_due ON cases_case (received_at, id) WHERE callback_due",
]
BOTH = [
    "CREATE INDEX IF NOT EXISTS desk_case_received ON cases_case (received_at, id)",
    "CREATE INDEX IF NOT EXISTS desk_assignment_unit_case ON cases_assignment (unit_id, case_id)",
]
NAMES = ["desk_case_unarchived", "desk_case_holding_due", "desk_case_received", "desk_case_extension_pending",
         "desk_case_callback_due", "desk_assignment_unit_case"]


def create(apps, schema_editor):
    statements = BOTH + (POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE)
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for name in NAMES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_initial"), ("cases", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
