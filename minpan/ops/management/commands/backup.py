from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minpan.ops.archive import ArchiveError, backup


class Command(BaseCommand):
    help = "备份：数据库（SQLite 在线备份 / PostgreSQL pg_dump）和上传的附件打成一个 tar 包，附清单与每个文件的 SHA-256"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件路径，例如 /srv/backup/minpan-2026-12-01.tar")

    def handle(self, *args, file, **opts):
        try:
            manifest = backup(Path(file))
        except (ArchiveError, OSError) as exc:
            raise CommandError(str(exc)) from None
        db = manifest["database"]
        self.stdout.write(f"已备份到 {file}：{db['vendor']} 数据库 {db['bytes']} 字节，附件 {len(manifest['files'])} 个")
