"""The delivery process as `palaute-server serve` runs it: started beside the web workers, stopped with them.

A subprocess running `palaute-server deliver --until-stdin-closes` (the same interpreter, the same
environment, so the same settings) with its standard input a pipe that only this process writes to: when
`serve` ends, however it ends, the pipe closes and the delivery process stops (server/delivery_process.py).
"""

from __future__ import annotations

import signal
import subprocess
import sys
from types import FrameType

from server.config import Settings

STOP_SECONDS = 15.0  # the deliverer takes up to 10 s to record outcomes and hand back leases


def start(settings: Settings) -> subprocess.Popen[bytes] | None:
    """Start the delivery process unless this server delivers no webhooks itself (`webhook_delivery`)."""
    if settings.webhook_delivery != "process":
        return None
    # close_fds (the default) keeps the pipe's write end from web workers and anything else started later,
    # so it is this process's end alone that closes the pipe. It starts with SIGINT ignored (inherited), until
    # it installs its own handler: Ctrl+C in a terminal reaches the whole group, and one during its imports
    # would otherwise end it with a KeyboardInterrupt traceback; `serve` stops it anyway.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        command = [sys.executable, "-m", "server", "deliver", "--until-stdin-closes"]
        return subprocess.Popen(command, stdin=subprocess.PIPE)
    finally:
        signal.signal(signal.SIGINT, previous)


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """Close its standard input (it stops in order at the end of file: portable, where SIGTERM is a hard kill
    on Windows) and wait for it; kill it if it does not stop in time."""
    if process is None:
        return
    if process.stdin is not None:
        process.stdin.close()
    try:
        process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def stop_before_sigterm_ends(process: subprocess.Popen[bytes] | None) -> None:
    """A one-worker server stopped by SIGTERM ends by raising the signal again once uvicorn has stopped, with
    the handler uvicorn found in place: this one first stops the delivery process in order (a container's
    end would otherwise cut it off mid-way), then dies of the signal as before (the same exit status)."""
    if process is None:
        return

    def handler(sig: int, _frame: FrameType | None) -> None:
        stop(process)
        signal.signal(sig, signal.SIG_DFL)
        signal.raise_signal(sig)

    signal.signal(signal.SIGTERM, handler)
