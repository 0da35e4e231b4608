from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minpan.ops.archive import ArchiveError, restore


class Command(BaseCommand):
    help = "恢复：核对备份清单和每个文件的 SHA-256，整个替换数据库和附件目录；目标数据库已有数据时须加 --force"

    def add_arguments(self, parser):
        parser.add_argument("file", help="minpan backup 生成的备份文件")
        parser.add_argument("--force", action="store_true", help="目标数据库已有留言或账号时也替换（先停掉网站和工作进程）")

    def handle(self, *args, file, force, **opts):
        try:
            manifest = restore(Path(file), force=force)
        except (ArchiveError, OSError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"已从 {file}（{manifest['created_at']}）恢复：数据库和附件 {len(manifest['files'])} 个。"
                          "请运行 minpan audit verify 核对办理记录。")
