"""A web worker stops when the `serve` that started it is gone.

uvicorn's supervisor (`serve --workers N`) stops its workers in order on SIGTERM or Ctrl+C. Killed outright
(SIGKILL, the OOM killer) it cannot, and its workers served on: they kept the port, so a restarted `serve`
could not bind it, and nothing would ever stop them. Each worker therefore checks its parent once a second and,
when `serve` is gone, stops itself the way SIGTERM stops it (long-polls answered, requests finished).

POSIX only: there an orphan's parent id changes. On Windows it does not, and a service manager ends the process
tree there.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys

log = logging.getLogger("palaute.server")
SUPERVISOR_PID = "PALAUTE_SERVER_SUPERVISOR_PID"  # set by `serve` for the workers it starts
CHECK_EVERY = 1.0  # seconds


def mark_supervisor() -> None:
    """Called by `serve` before it starts several workers: they inherit the environment."""
    os.environ[SUPERVISOR_PID] = str(os.getpid())


async def stop_when_orphaned(interval: float = CHECK_EVERY) -> None:
    """Runs for the worker's life; returns at once where there is nothing to watch (one process, tests)."""
    supervisor = os.environ.get(SUPERVISOR_PID, "")
    if not supervisor.isdigit() or int(supervisor) == os.getpid() or sys.platform == "win32":
        return
    while os.getppid() == int(supervisor):
        await asyncio.sleep(interval)
    log.warning("serve (process %s) is gone: this web worker stops", supervisor)
    os.kill(os.getpid(), signal.SIGTERM)
