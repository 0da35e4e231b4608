"""`minpan createadmin`: the first administrator, with a password typed at the terminal.

There is no default administrator: outside `minpan demo load` (whose accounts are for trying
the system out), nothing creates one. The password is asked twice, never taken from an argument
or the environment (shell history, process lists), and must pass AUTH_PASSWORD_VALIDATORS
with no way round it.
"""
from __future__ import annotations

import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

ATTEMPTS = 3


class Command(BaseCommand):
    help = "创建系统管理员（超级用户）：在终端中输入两遍密码，须通过密码强度检查"

    def add_arguments(self, parser):
        parser.add_argument("username", help="管理员的用户名")
        parser.add_argument("--email", default="", help="电子邮箱（可选）")

    def handle(self, *args, username, email, **opts):
        User = get_user_model()
        username = username.strip()
        if not username or len(username) > 150:
            raise CommandError("用户名不能为空，且不超过 150 个字符。")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"用户 {username} 已存在；要改密码请用 minpan changepassword {username}。")
        if not sys.stdin.isatty():
            raise CommandError("请在终端中交互运行：密码只能在终端输入，不接受管道或参数。")
        candidate = User(username=username, email=email, is_staff=True, is_superuser=True)
        password = self._ask(candidate)
        with transaction.atomic():
            candidate.set_password(password)
            candidate.save()
        self.stdout.write(f"已创建管理员 {username}。可在 /admin/ 和 /desk/ 登录。")

    def _ask(self, user) -> str:
        for _ in range(ATTEMPTS):
            password = getpass.getpass("密码：")
            if password != getpass.getpass("再输入一遍："):
                self.stderr.write("两次输入的密码不一致。")
                continue
            try:
                validate_password(password, user)
            except ValidationError as exc:
                self.stderr.write("密码不符合要求：" + "；".join(exc.messages))
                continue
            return password
        raise CommandError(f"连续 {ATTEMPTS} 次未设置成功，未创建管理员。")
