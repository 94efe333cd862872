"""`palaute-server deliver`: webhook delivery in a process of its own, at a lower OS priority.

`palaute-server serve` starts one beside its web workers (server/delivery_child.py); it also runs on its own,
on another host or in a container of its own, against the same database. Being a process of its own, it never
holds a web worker's GIL, and at a lower priority (nice +`webhook_delivery_nice` on POSIX, "below normal" on
Windows) the OS gives pushes the CPU first whenever the two compete, while an idle CPU is its to use.

It stops on SIGTERM or SIGINT (Ctrl+C), recording what was delivered and handing back the leases of what was
not, and, started by `serve`, when its standard input reaches its end: `serve` holds the pipe's other end,
and the OS closes it when `serve` ends in any way, SIGKILL included (portable, unlike Linux's
PR_SET_PDEATHSIG, and not fooled by the thread that started it ending).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading

from server.config import Settings
from server.db import Database
from server.delivery import Deliverer
from server.delivery_wake import watch_for
from server.observability import setup_logging

log = logging.getLogger("palaute.server.webhooks")


def run(settings: Settings, *, until_stdin_closes: bool) -> int:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda _sig, _frame: stop.set())
    if until_stdin_closes:
        threading.Thread(target=_wait_for_end_of_input, args=(stop,), name="parent-watch", daemon=True).start()
    niceness = lower_priority(settings.webhook_delivery_nice)
    setup_logging(settings.log_level)
    settings = settings.with_dev_secret()  # the key the web workers sealed the signing secrets with
    db = Database(settings.url, pool_size=2)
    deliverer = Deliverer(db, settings)
    deliverer.start()
    watch = watch_for(db, deliverer.wake, settings.webhook_watch_interval)
    watch.start()
    log.info("webhook delivery process %s started (priority: %s)", os.getpid(), niceness)
    try:
        while not stop.wait(1.0):  # woken by the signal handlers within the second at most
            pass
    finally:
        deliverer.stop()  # first: no claim or send once told to stop
        watch.stop()
        db.dispose()
    log.info("webhook delivery process %s stopped", os.getpid())
    return 0


def _wait_for_end_of_input(stop: threading.Event) -> None:
    # The file descriptor, not sys.stdin: a daemon thread blocked in a buffered reader holds its lock, and
    # Python aborts at exit when it cannot take that lock ("could not acquire lock for <stdin>").
    try:
        while os.read(sys.stdin.fileno(), 4096):
            pass
    finally:
        stop.set()


def lower_priority(increment: int) -> str:
    """Lower this process's scheduling priority; returns it in words (for the log)."""
    if sys.platform == "win32":
        import ctypes

        below_normal = 0x4000  # BELOW_NORMAL_PRIORITY_CLASS: Windows has no finer steps a user may take
        kernel32 = ctypes.windll.kernel32
        kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
        return "below normal"
    return f"nice {os.nice(max(0, increment))}"
