"""`minpan` console entry point: a thin wrapper over manage.py."""
import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.management import execute_from_command_line
from django.db import DatabaseError, connection, connections
from django.db.migrations.executor import MigrationExecutor


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minpan.settings")
    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A bad environment variable: say which and stop, without a traceback.
        sys.stderr.write(f"minpan: 配置错误：{exc}\n")
        sys.exit(2)
    except DatabaseError:
        # A newcomer's first command, before `make run` or `minpan migrate`: say so instead
        # of a traceback. Any other database error, and any error of migrate itself, is shown as it is.
        if sys.argv[1:2] == ["migrate"]:
            raise
        connections.close_all()  # the failed command's connection may be in a broken transaction
        advice = database_not_ready()
        if advice is None:
            raise
        sys.stderr.write(f"minpan: {advice}\n")
        sys.exit(1)


def database_not_ready() -> str | None:
    """Why the database cannot serve a command yet (unreachable, or its tables not created or
    not up to date), in words for the person at the terminal; None when it is ready."""
    name = connection.settings_dict["NAME"]
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return (f"无法连接数据库 {name}（{reason}）。请检查 DATABASE_URL；数据库建好后运行 minpan migrate，"
                "或用 make run 在本机建好 SQLite 数据库并载入演示数据。")
    if not pending:
        return None
    if len(pending) < len(executor.loader.graph.nodes):
        return f"数据库 {name} 的表结构不是最新的（{len(pending)} 个迁移未执行）：请先运行 minpan migrate。"
    return (f"数据库 {name} 还没有建表。首次使用请运行 make run（建库、载入办理日历和演示数据并启动），"
            "或运行 minpan migrate。")


if __name__ == "__main__":
    main()
