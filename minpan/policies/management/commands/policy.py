import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from minpan.policies.presets import PRESETS


class Command(BaseCommand):
    help = "办理制度：list 列出内置制度；show 名称 以 JSON 打印（--active 为当前生效的制度）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("list", help="列出内置制度")
        show = sub.add_parser("show", help="以 JSON 打印一个制度")
        show.add_argument("name", nargs="?")
        show.add_argument("--active", action="store_true", help="当前生效的制度（MINPAN_POLICY）")
        show.add_argument("--brief", action="store_true", help="只打印一行摘要")

    def handle(self, *args, verb, **opts):
        if verb == "list":
            for name, policy in PRESETS.items():
                mark = "*" if name == settings.MINPAN_POLICY else " "
                self.stdout.write(f"{mark} {name:<9} {policy.answer_working_days:>2} 个工作日  {policy.title}")
            return
        name = settings.MINPAN_POLICY if opts["active"] or not opts["name"] else opts["name"]
        if name not in PRESETS:
            raise CommandError(f"未知的办理制度 {name!r}。可用：{', '.join(sorted(PRESETS))}")
        policy = PRESETS[name]
        if opts["brief"]:
            self.stdout.write(f"当前办理制度：{policy.name}（{policy.title}），{policy.answer_working_days} 个工作日内答复")
            return
        self.stdout.write(json.dumps(policy.as_dict(), ensure_ascii=False, indent=2))
