"""PostgreSQL: the tab counts read from desk_case_unarchived alone again (issue 17).

0002 made it a covering partial index: the counts and a page's ids came from it, never from the
(mostly archived) table. Tabs added since read columns it did not carry (网民追问 follow_up_at,
待实地督查 on_site_due, 一事一报待批示 reported_to_id, 今日电话催办 phone_at), so the planner went
back to the table: at 1,000,000 cases the counts read 51,000 heap pages, 0.26 s of every queue
page. Rebuilt carrying every column a tab's filter reads (desk 0005's list, SQLite's counterpart).
"""
from importlib import import_module

from django.db import migrations

# the same state list as 0002's partial index (queues.COUNTED_STATES)
UNARCHIVED_SQL = import_module("minpan.desk.migrations.0002_queue_indexes")._in

COLUMNS = "due_at, received_at, extension_pending, callback_due, lead_unit_id, follow_up_at, on_site_due, reported_to_id, phone_at"
OLD_COLUMNS = "state, due_at, received_at, extension_pending, callback_due, lead_unit_id"


def _build(schema_editor, columns: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS desk_case_unarchived")
    schema_editor.execute(f"CREATE INDEX desk_case_unarchived ON cases_case (state, id) INCLUDE ({columns}) "
                          f"WHERE state IN ({UNARCHIVED_SQL})")


def create(apps, schema_editor):
    _build(schema_editor, COLUMNS)


def back(apps, schema_editor):
    _build(schema_editor, OLD_COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("desk", "0005_sqlite_queue_indexes")]
    operations = [migrations.RunPython(create, back)]
