import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from minpan.policies.active import policies, policy_named
from minpan.policies.files import PolicyFileError, dump, load_file
from minpan.policies.presets import PRESETS


class Command(BaseCommand):
    help = ("办理制度：list 列出制度；show 名称 以 JSON 打印（--active 为当前生效的制度）；"
            "new --from 名称 打印可修改的 TOML 模板；check 文件.toml 检查一个制度文件")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("list", help="列出内置制度（及本市制度文件）")
        show = sub.add_parser("show", help="以 JSON 打印一个制度")
        show.add_argument("name", nargs="?")
        show.add_argument("--active", action="store_true", help="当前生效的制度（MINPAN_POLICY）")
        show.add_argument("--brief", action="store_true", help="只打印一行摘要")
        new = sub.add_parser("new", help="以一个内置制度为底本，打印带条款注释的 TOML（重定向到文件后修改）")
        new.add_argument("--from", dest="base", default="tongliao", help=f"底本：{'、'.join(PRESETS)}（默认 tongliao）")
        check = sub.add_parser("check", help="检查一个 TOML 制度文件，指出出错的项和行号")
        check.add_argument("file")

    def handle(self, *args, verb, **opts):
        if verb == "list":
            for name, policy in policies().items():
                mark = "*" if name == settings.MINPAN_POLICY else " "
                self.stdout.write(f"{mark} {name:<9} {policy.answer_working_days:>2} 个工作日  {policy.title}")
            return
        if verb == "new":
            if opts["base"] not in PRESETS:
                raise CommandError(f"未知的内置制度 {opts['base']!r}。可用：{', '.join(PRESETS)}")
            self.stdout.write(dump(PRESETS[opts["base"]]), ending="")
            return
        if verb == "check":
            try:
                policy = load_file(opts["file"])
            except PolicyFileError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"{opts['file']}：无误。{policy.name}（{policy.title}），{policy.answer_working_days} 个工作日内答复")
            return
        name = settings.MINPAN_POLICY if opts["active"] or not opts["name"] else opts["name"]
        try:
            policy = policy_named(name)
        except KeyError as exc:
            raise CommandError(exc.args[0]) from None
        if opts["brief"]:
            self.stdout.write(f"当前办理制度：{policy.name}（{policy.title}），{policy.answer_working_days} 个工作日内答复")
            return
        self.stdout.write(json.dumps(policy.as_dict(), ensure_ascii=False, indent=2))
