import unicodedata

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from minpan.cases.states import State
from minpan.demo.builder import SEED, load
from minpan.demo.city import DEFAULT_PASSWORD, account_rows
from minpan.policies.codes import CHANNELS


class Command(BaseCommand):
    help = "演示数据：load 载入虚构的「示范市」单位、账号和留言（可重复执行，不会重复创建）；accounts 列出全部演示账号"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        load_p = sub.add_parser("load", help="载入演示数据")
        load_p.add_argument("--cases", type=int, default=300, help="留言件数（默认 300）")
        load_p.add_argument("--seed", type=int, default=SEED, help="随机种子（默认 %(default)s）")
        sub.add_parser("accounts", help="列出全部演示账号")

    def handle(self, *args, verb, **opts):
        if verb == "accounts":
            self._accounts(full=True)
            return
        if opts["cases"] < 0:
            raise CommandError("--cases 不能为负数。")
        if settings.MINPAN_PRODUCTION and not settings.MINPAN_DEMO_PASSWORD:
            # the published password would open an administrator account on a real server
            raise CommandError("MINPAN_DEBUG=0 时载入演示数据须先设置 MINPAN_DEMO_PASSWORD（演示账号的密码），"
                               "否则演示账号（含管理员）将使用公开的演示密码。")
        r = load(cases=opts["cases"], seed=opts["seed"])
        p = r.policy
        self.stdout.write(f"示范市演示数据（办理制度：{p.name}，{p.title}）")
        self.stdout.write(
            f"单位 {len(r.city.units)} 个（新建 {r.city.units_created}），账号 {len(r.city.users)} 个（新建 {r.city.users_created}），"
            f"留言新建 {r.created} 件、已存在跳过 {r.skipped} 件，用时 {r.seconds:.1f} 秒。"
        )
        self.stdout.write("受理渠道：" + "、".join(CHANNELS[c] for c in p.channels))
        self.stdout.write("演示留言按状态：" + "，".join(f"{s.label} {r.states[s.value]}" for s in State if r.states[s.value]))
        self._accounts(full=False)

    def _accounts(self, full: bool):
        rows = account_rows(full=full)
        if not rows:
            raise CommandError("还没有演示账号，请先运行 minpan demo load。")
        custom = bool(settings.MINPAN_DEMO_PASSWORD)
        password = "环境变量 MINPAN_DEMO_PASSWORD 所设的密码" if custom else DEFAULT_PASSWORD
        self.stdout.write("")
        self.stdout.write(f"以下均为演示账号，仅供体验，切勿用于正式环境。统一密码：{password}")
        widths = [max(_width(r[i]) for r in rows + [("用户名", "角色", "单位")]) for i in range(3)]
        for row in [("用户名", "角色", "单位"), *rows]:
            self.stdout.write("  " + "  ".join(_pad(cell, w) for cell, w in zip(row, widths)).rstrip())
        if not full:
            self.stdout.write(
                "其他承办单位的账号按同一规则命名：单位代码_jb（承办经办人）、_fzr（单位主要负责人）、_fg（单位分管领导），"
                "例如 shengtai_jb、qinghe_fzr。完整名单：minpan demo accounts"
            )
        self.stdout.write("账号已存在时不会改动其密码。以上每个演示账号都可在员工工作台 /desk/ 登录；管理后台 /admin/ 只有 admin 可以登录。")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
