"""`minpan worker`: runs the queued tasks (Django's Tasks API, database backend) and,
every minute, the sweep. Start as many as needed, on as many machines as needed:
they share the database, and both the tasks and the sweep's steps are claimed.
Each sweep also regroups the recent months' hot topics when they changed (hourly at most).
Every MINPAN_RETRAIN_HOURS one of them retrains the text models in a child process
(minpan.textmine.retrain), which the loop only polls."""
import logging
import os
import signal
import socket
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Worker

from minpan.notify.sweep import sweep
from minpan.portal.limits import sweep as portal_sweep
from minpan.textmine.hotcases import refresh_recent as refresh_hot
from minpan.textmine.retrain import Retrainer

log = logging.getLogger("minpan.notify")


class Command(BaseCommand):
    help = "后台工作进程：执行排队的任务；每分钟扫描一次到期事项，并清理门户的限流记录和过期回执密码"

    def add_arguments(self, parser):
        parser.add_argument("--sweep-every", type=float, default=60.0, help="扫描间隔（秒），默认 60")
        parser.add_argument("--poll", type=float, default=1.0, help="队列空闲时的等待（秒），默认 1")
        parser.add_argument("--once", action="store_true", help="扫描一次、执行完队列后退出")

    def handle(self, *args, sweep_every, poll, once, **opts):
        if sweep_every <= 0 or poll <= 0:
            self.stderr.write("间隔必须大于 0")
            raise SystemExit(2)
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        worker_id = f"{socket.gethostname()}-{os.getpid()}"[:64]
        tasks = Worker(
            queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
            max_tasks=None, worker_id=worker_id, excluded_queue_names=[],
        )
        retrainer = Retrainer(worker_id)
        self.stdout.write(f"工作进程 {worker_id} 已启动：每 {sweep_every:g} 秒扫描一次到期事项")
        next_sweep = 0.0
        while self.running:
            if time.monotonic() >= next_sweep:
                next_sweep = time.monotonic() + sweep_every
                for job in (sweep, portal_sweep, refresh_hot):
                    try:
                        done = job()
                        if done and (any(done.values()) if isinstance(done, dict) else any(done)):
                            log.info("扫描：%s %s", job.__module__, done)
                    except Exception:  # a bad row must not stop the worker; the log says which
                        log.exception("扫描出错，下一轮重试：%s", job.__module__)
            tasks.run()
            try:
                retrainer.tick()
                if once:
                    retrainer.wait()
            except Exception:  # the models can wait for the next turn; the sweep cannot
                log.exception("定期训练出错")
            close_old_connections()
            if once:
                break
            time.sleep(poll)
        retrainer.stop()
        self.stdout.write("工作进程已停止")

    def _stop(self, signum, frame):
        self.running = False
