"""SQLite: one index the tab counts read alone (issue 17).

The tab counts are one aggregate over the unarchived cases (queues.counts: `state IN (…)`, a
COUNT … FILTER per tab). PostgreSQL answers it from desk_case_unarchived (0002). SQLite cannot use
that partial index for a state list given as parameters, and once ANALYZE has run it estimates
the IN list at the average rows per state (7,000 of 100,000), so it scanned the whole table: 520 ms
at 100,000 cases. With the state first and every column the tabs' filters read, the count is a
few range reads of this index (44 ms on the same, loaded, machine). The id is SQLite's rowid,
in every index already.
"""
from django.db import migrations

NAME = "desk_case_tabs"
COLUMNS = "state, due_at, callback_due, follow_up_at, extension_pending, on_site_due, reported_to_id, received_at, lead_unit_id"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON cases_case ({COLUMNS})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("desk", "0004_second_factor_in_chinese"), ("cases", "0026_deadline_in_force")]
    operations = [migrations.RunPython(create, drop)]
