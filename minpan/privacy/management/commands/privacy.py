"""`minpan privacy purge|rekey|hold|release`: the retention schedule, key rotation, legal holds."""
from django.core.management.base import BaseCommand, CommandError

from minpan.cases.errors import CaseError
from minpan.cases.models import Case
from minpan.privacy import erasure


class Command(BaseCommand):
    help = "个人信息：按保存期限删除已办结留言的留言人信息（purge）、轮换密钥后重新加密（rekey）、设置或解除法律保全（hold / release）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        purge = sub.add_parser("purge", help="删除已过保存期限（MINPAN_RETENTION_YEARS）的留言人信息，保全中的除外")
        purge.add_argument("--dry-run", action="store_true", help="只列出数量，不删除")
        sub.add_parser("rekey", help="用 MINPAN_DATA_KEYS 中最新的密钥重新加密电话和证件号")
        hold = sub.add_parser("hold", help="对一件留言设置法律保全")
        hold.add_argument("reference", help="登记编号或查询码")
        hold.add_argument("--reason", required=True, help="保全理由")
        release = sub.add_parser("release", help="解除法律保全")
        release.add_argument("reference")

    def handle(self, *args, what, **opts):
        if what == "purge":
            if opts["dry_run"]:
                self.stdout.write(f"到期待删除：{erasure.due_for_purge().count()} 件")
                return
            done = erasure.purge(limit=10**9)
            self.stdout.write(f"已删除 {done['erased']} 件留言的留言人信息；保全中跳过 {done['held']} 件")
        elif what == "rekey":
            self.stdout.write(f"已用最新密钥重新加密 {erasure.rekey()} 位留言人的电话和证件号")
        else:
            case = Case.objects.filter(reg_no=opts["reference"]).first() or Case.objects.filter(tracking_code=opts["reference"]).first()
            if case is None:
                raise CommandError(f"没有登记编号或查询码为 {opts['reference']} 的留言")
            try:
                if what == "hold":
                    erasure.hold_set(case=case, reason=opts["reason"])
                    self.stdout.write(f"{case.reference} 已设置法律保全")
                else:
                    erasure.hold_release(case=case)
                    self.stdout.write(f"{case.reference} 已解除法律保全")
            except CaseError as exc:
                raise CommandError(str(exc)) from None
