"""`minpan worker`: runs the queued tasks (Django's Tasks API, database backend) and,
every minute, the sweep. Start as many as needed, on as many machines as needed:
they share the database, and both the tasks and the sweep's steps are claimed.
Each sweep also regroups the recent months' hot topics when they changed (hourly at most).
Every MINPAN_RETRAIN_HOURS one of them retrains the text models in a child process
(minpan.textmine.retrain), which the loop only polls.

The queued tasks are run through django-tasks-db's own `db_worker` command, its public
interface, in batch mode: it claims and runs what is ready, then returns to this loop."""
import logging
import os
import signal
import socket
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from minpan.audit.prune import prune as audit_prune
from minpan.cli import database_not_ready
from minpan.knowledge.entries import sweep as knowledge_sweep
from minpan.notify.sweep import sweep
from minpan.ops import health
from minpan.portal.limits import sweep as portal_sweep
from minpan.privacy.erasure import sweep as privacy_sweep
from minpan.textmine.hotcases import refresh_recent as refresh_hot
from minpan.textmine.retrain import Retrainer
from minpan.webhooks.calls import sweep as webhook_sweep

log = logging.getLogger("minpan.notify")

# What stops the worker; db_worker handles SIGQUIT too.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
DB_WORKER_SIGNALS = (*STOP_SIGNALS, signal.SIGQUIT)
# A batch returns to the loop after this many tasks, so a long queue does not hold up the sweep.
TASKS_PER_TURN = 100


class Command(BaseCommand):
    help = "后台工作进程：执行排队的任务；每分钟扫描一次到期事项，清理门户的限流记录、过期回执密码和超过留存期的审计日志"

    def add_arguments(self, parser):
        parser.add_argument("--sweep-every", type=float, default=60.0, help="扫描间隔（秒），默认 60")
        parser.add_argument("--poll", type=float, default=1.0, help="队列空闲时的等待（秒），默认 1")
        parser.add_argument("--once", action="store_true", help="扫描一次、执行完队列后退出")

    def handle(self, *args, sweep_every, poll, once, **opts):
        if sweep_every <= 0 or poll <= 0:
            self.stderr.write("间隔必须大于 0")
            raise SystemExit(2)
        advice = database_not_ready()  # else each turn would log the missing tables' tracebacks
        if advice:
            raise CommandError(advice)
        self.running = True
        worker_id = f"{socket.gethostname()}-{os.getpid()}"[:64]
        retrainer = Retrainer(worker_id)
        self.stdout.write(f"工作进程 {worker_id} 已启动：每 {sweep_every:g} 秒扫描一次到期事项")
        next_sweep = next_beat = 0.0
        with StopSignals(self._stop) as stop:
            while self.running:
                if time.monotonic() >= next_beat:
                    next_beat = time.monotonic() + health.BEAT_SECONDS
                    try:
                        health.beat(worker_id)  # /healthz: some worker is alive
                    except Exception:
                        log.exception("心跳写入失败")
                if time.monotonic() >= next_sweep:
                    next_sweep = time.monotonic() + sweep_every
                    for job in (sweep, portal_sweep, refresh_hot, audit_prune, privacy_sweep, webhook_sweep, knowledge_sweep):
                        try:
                            done = job()
                            if done and (any(done.values()) if isinstance(done, dict) else any(done)):
                                log.info("扫描：%s %s", job.__module__, done)
                        except Exception:  # a bad row must not stop the worker; the log says which
                            log.exception("扫描出错，下一轮重试：%s", job.__module__)
                if run_queued_tasks(worker_id, stop):
                    self.running = False
                try:
                    retrainer.tick()
                    if once:
                        retrainer.wait()
                except Exception:  # the models can wait for the next turn; the sweep cannot
                    log.exception("定期训练出错")
                close_old_connections()
                if once or not self.running:
                    break
                time.sleep(poll)
        retrainer.stop()
        try:
            health.forget(worker_id)
        except Exception:
            log.exception("心跳删除失败")
        self.stdout.write("工作进程已停止")

    def _stop(self, signum, frame):
        self.running = False


class StopSignals:
    """Our SIGINT/SIGTERM handler, and a record of every such signal whoever handled it.

    db_worker installs its own handlers while it runs, and Python runs a handler in the main
    thread whichever thread the signal reached, so holding signals back cannot be relied on.
    The interpreter writes each handled signal's number to the wake-up fd instead: reading it
    after a batch says whether a stop was asked for meanwhile."""

    def __init__(self, handler):
        self.handler = handler

    def __enter__(self):
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._saved = {signum: signal.getsignal(signum) for signum in DB_WORKER_SIGNALS}
        self._saved_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        self.install()
        return self

    def install(self) -> None:
        for signum in DB_WORKER_SIGNALS:
            signal.signal(signum, self.handler if signum in STOP_SIGNALS else self._saved[signum])

    def arrived(self) -> bool:
        """Whether SIGINT or SIGTERM came since the last call."""
        seen = b""
        while True:
            try:
                chunk = self._read.recv(512)
            except BlockingIOError:
                break
            if not chunk:
                break
            seen += chunk
        return any(signum in seen for signum in STOP_SIGNALS)

    def __exit__(self, *exc):
        signal.set_wakeup_fd(self._saved_fd)
        for signum, handler in self._saved.items():
            signal.signal(signum, handler)
        self._read.close()
        self._write.close()


def run_queued_tasks(worker_id: str, stop: StopSignals) -> bool:
    """Run the tasks ready now (up to TASKS_PER_TURN), each claimed under worker_id; returns
    whether a stop was asked for meanwhile. db_worker lets the running task finish on SIGINT/SIGTERM
    and exits the process between tasks: that exit is caught here so the loop can stop the
    retraining child too."""
    stop.arrived()  # forget what our own handler has already seen
    try:
        call_command(
            "db_worker", queue_name="*", batch=True, max_tasks=TASKS_PER_TURN, reload=False,
            startup_delay=False, worker_id=worker_id, backend_name="default", verbosity=1,
        )
    except SystemExit:
        return True
    finally:
        stop.install()
    return stop.arrived()
