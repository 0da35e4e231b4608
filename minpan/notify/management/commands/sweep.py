from django.core.management.base import BaseCommand

from minpan.notify.sweep import sweep


class Command(BaseCommand):
    help = "执行一次到期扫描：到期提醒、逾期催办督办、待审批提醒、超期预警、补发失败的通知"

    def handle(self, *args, **opts):
        done = sweep()
        if not done or not any(done.values()):
            self.stdout.write("扫描完成：没有到期事项")
            return
        self.stdout.write("扫描完成：" + "，".join(f"{k} {v}" for k, v in sorted(done.items()) if v))
