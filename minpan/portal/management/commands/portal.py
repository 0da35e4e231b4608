from django.core.management.base import BaseCommand

from minpan.portal.limits import sweep


class Command(BaseCommand):
    help = "portal sweep：删除过期的访问计数，清除未显示的查询密码（可重复、可并发运行）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("sweep", help="清理过期的限流记录和回执密码")

    def handle(self, *args, verb, **opts):
        hits, passwords = sweep()
        self.stdout.write(f"已删除 {hits} 条过期访问计数，清除 {passwords} 个过期回执密码")
