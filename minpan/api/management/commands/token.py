"""`minpan token create|list|revoke`: API tokens for a person or a channel."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...models import ApiToken
from ...tokens import TokenError, token_create, token_revoke


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


class Command(BaseCommand):
    help = ("接口令牌：create --user 用户名 或 --channel 渠道代号 生成令牌（令牌只显示这一次，为输出的最后一行）；"
            "list 列出令牌（不显示令牌本身）；revoke 编号 吊销令牌。")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True, title="操作")
        create = sub.add_parser("create", help="生成令牌")
        create.add_argument("--user", default="", help="人员的用户名：令牌按此人在办理台的权限办理")
        create.add_argument("--channel", default="", help="渠道代号：令牌只能提交该渠道的留言")
        sub.add_parser("list", help="列出令牌")
        revoke = sub.add_parser("revoke", help="吊销令牌")
        revoke.add_argument("id", type=int, help="令牌编号（见 list）")

    def handle(self, *args, what, **options):
        try:
            if what == "create":
                token, raw = token_create(username=options["user"], channel=options["channel"])
                self.stdout.write(f"已生成令牌 #{token.pk}（{token.holder}）。令牌只显示这一次，请妥善保存：")
                self.stdout.write(raw)
            elif what == "list":
                self._list()
            else:
                token = token_revoke(pk=options["id"])
                self.stdout.write(f"令牌 #{token.pk}（{token.holder}）已吊销。")
        except TokenError as exc:
            raise CommandError(str(exc)) from None

    def _list(self):
        rows = ApiToken.objects.select_related("user").order_by("pk")
        if not rows:
            self.stdout.write("还没有令牌。")
        for t in rows:
            state = f"已吊销 {_when(t.revoked_at)}" if t.revoked else "有效"
            self.stdout.write(f"#{t.pk}\t{t.holder}\t创建 {_when(t.created_at)}\t最近使用 {_when(t.last_used_at)}\t{state}")
