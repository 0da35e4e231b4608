"""SQLite: an index the tab counts read alone, and partial indexes for the rare tabs (issue 17).

The tab counts are one aggregate over the unarchived cases (queues.counts: `state IN (…)`, a
COUNT … FILTER per tab). PostgreSQL answers it from desk_case_unarchived (0002). SQLite cannot use
that partial index for a state list given as parameters, and once ANALYZE has run it estimates
the IN list at the average rows per state (7,000 of 100,000), so it scanned the whole table: 520 ms
at 100,000 cases. With the state first and every column the tabs' filters read, the count is a
few range reads of this index (44 ms on the same, loaded, machine). The id is SQLite's rowid,
in every index already.

The same statistics made SQLite answer the tabs whose condition few cases meet (一事一报待批示,
待实地督查, 网民追问) by walking the received_at index for the page's ORDER BY until 51 rows
matched: the whole table when none does (6.5 s at 100,000 cases). A partial index on each
condition, which the query's own term matches, holds just those cases.
"""
from django.db import migrations

NAME = "desk_case_tabs"
COLUMNS = "state, due_at, callback_due, follow_up_at, extension_pending, on_site_due, reported_to_id, phone_at, received_at, lead_unit_id"


RARE = {
    "desk_case_reported": "reported_to_id IS NOT NULL",
    "desk_case_on_site": "on_site_due",
    "desk_case_follow_up": "follow_up_at IS NOT NULL",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON cases_case ({COLUMNS})")
        for name, where in RARE.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON cases_case (received_at, id) WHERE {where}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in [NAME, *RARE]:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("desk", "0004_second_factor_in_chinese"), ("cases", "0026_deadline_in_force")]
    operations = [migrations.RunPython(create, drop)]
