from django.core.management.base import BaseCommand, CommandError

from minpan.cases.events import verify_all
from minpan.cases.models import Case, Event


class Command(BaseCommand):
    help = "audit verify：逐案核对办理记录的散列链，报告被改写、删除或替换的记录"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("verify", help="核对全部办理记录")

    def handle(self, *args, verb, **opts):
        broken = 0
        refs = {}
        for brk in verify_all():
            broken += 1
            ref = refs.get(brk.case_id) or Case.objects.filter(pk=brk.case_id).values_list("reg_no", flat=True).first()
            self.stdout.write(f"BROKEN case={brk.case_id} {ref or ''} seq={brk.seq}: {brk.problem}")
        total = Event.objects.values("case_id").distinct().count()
        if broken:
            raise CommandError(f"{broken} / {total} 件留言的办理记录链断裂")
        self.stdout.write(f"OK：{total} 件留言的办理记录完整")
