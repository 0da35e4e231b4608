"""On PostgreSQL, the audit trail and the cases' event records refuse UPDATE and DELETE.

The one exception is the worker's pruning of audit entries (minpan.audit.prune): it sets
minpan.audit_prune for its own transaction, and even then a row younger than 180 days
(网络安全法 第二十一条) is refused. Nothing in the application updates or deletes an event
(cases.Event.save/delete refuse it too); TRUNCATE, used only by test and bench set-up, fires no
row trigger. SQLite has no such guard: the hash chain (`minpan audit verify`) still shows tampering.
"""
from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION minpan_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_auditentry'
       AND current_setting('minpan.audit_prune', true) = 'on'
       AND OLD.at < now() - interval '180 days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '表 % 只能追加，不能%', TG_TABLE_NAME, CASE TG_OP WHEN 'UPDATE' THEN '修改' ELSE '删除' END
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_auditentry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION minpan_append_only();
CREATE TRIGGER cases_event_append_only BEFORE UPDATE OR DELETE ON cases_event
    FOR EACH ROW EXECUTE FUNCTION minpan_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS cases_event_append_only ON cases_event;
DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS minpan_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        ("cases", "0013_refuse_bulletin"),
    ]

    operations = [migrations.RunPython(forward, backward)]
