"""`minpan similar reindex`: build the near-duplicate index for existing cases."""
import time

from django.core.management.base import BaseCommand

from minpan.similar.models import Indexed, Sample
from minpan.similar.services import VERSION, reindex


class Command(BaseCommand):
    help = "相似留言索引：reindex 为尚未建立指纹（或指纹版本过旧）的留言建立指纹，可中断后续跑"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        r = sub.add_parser("reindex", help="为全部留言建立指纹（分批提交，中断后再次运行即从断点继续）")
        r.add_argument("--batch", type=int, default=2000, help="每批留言数（默认 2000）")
        r.add_argument("--restart", action="store_true", help="清空索引后重建")

    def handle(self, *args, **opts):
        started = time.monotonic()
        last = [started]

        def progress(done, total):
            if time.monotonic() - last[0] >= 5:
                last[0] = time.monotonic()
                self.stdout.write(f"  已处理 {done:,} / {total:,} 件")

        n = reindex(batch=opts["batch"], restart=opts["restart"], progress=progress)
        self.stdout.write(
            f"已建立指纹 {n:,} 件，用时 {time.monotonic() - started:.1f} 秒；索引共 {Indexed.objects.filter(version=VERSION).count():,} 件留言、"
            f"{Sample.objects.count():,} 个指纹（版本 {VERSION}）。"
        )
