"""Trigram indexes for the staff search box (desk queues, `?q=`), PostgreSQL only.

The search is `subject__icontains | body__icontains | reg_no=` (minpan.desk.queues). On
PostgreSQL Django writes icontains as `UPPER(col::text) LIKE UPPER('%…%')`, so the indexes
are on exactly those expressions, with pg_trgm's operator class: a query of three or more
characters is answered from them (one BitmapOr with the reg_no unique index) instead of a
scan of the whole table. Queries of one or two characters yield no trigram and still scan
(docs/performance.md, "Search and tab counts").

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. Where the
role may not, a DBA runs `CREATE EXTENSION pg_trgm;` in the database once, as a superuser,
before migrating. On a live database with millions of rows, create the indexes by hand with
CREATE INDEX CONCURRENTLY first (the statements below use IF NOT EXISTS).

SQLite (the small embedded default) has neither the extension nor the need: nothing happens.
"""
from django.db import migrations

EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"
INDEXES = {
    "case_search_subject_trgm": "CREATE INDEX IF NOT EXISTS case_search_subject_trgm ON cases_case "
                                "USING gin ((UPPER(subject::text)) gin_trgm_ops)",
    "case_search_body_trgm": "CREATE INDEX IF NOT EXISTS case_search_body_trgm ON cases_case "
                             "USING gin ((UPPER(body::text)) gin_trgm_ops)",
}


def _extension_missing_and_forbidden(cursor) -> bool:
    cursor.execute(
        "SELECT NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')"
        " AND NOT has_database_privilege(current_user, current_database(), 'CREATE')"
    )
    return cursor.fetchone()[0]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if _extension_missing_and_forbidden(cursor):
            raise RuntimeError(
                "数据库缺少 pg_trgm 扩展，当前角色无权创建。请数据库管理员在本库中执行一次 "
                "`CREATE EXTENSION pg_trgm;`（超级用户；PostgreSQL 13 及以上，库所有者或有该库 CREATE 权限的角色亦可），然后重新 migrate。"
            )
    schema_editor.execute(EXTENSION)
    for sql in INDEXES.values():
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    # The extension stays: other objects may use it, and dropping it needs its owner.
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_merge_and_likes")]
    operations = [migrations.RunPython(create, drop)]
