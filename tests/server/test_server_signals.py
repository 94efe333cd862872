"""Ctrl+C on `palaute-server serve` stops it cleanly: one line on stderr, no traceback, a conventional exit code.

Real server processes (one worker and two), a real SIGINT, with and without a long-poll waiting.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest
import requests

from tests.server.test_server_process import sign_in
from tests.support.server_process import ServerProcess

CTRL_C_EXIT_CODES = (0, 130)  # a clean stop, or 128 + SIGINT as shells report an interrupted command


def interrupt(server: ServerProcess) -> int:
    """Ctrl+C as a terminal sends it: to the server and to its worker processes (the foreground group)."""
    workers = _children(server.process.pid)
    server.process.send_signal(signal.SIGINT)
    for pid in workers:
        try:
            os.kill(pid, signal.SIGINT)
        except ProcessLookupError:
            pass
    return server.process.wait(30)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def stderr_of(server: ServerProcess) -> str:
    return server.log_path.read_text(errors="replace")


@pytest.mark.parametrize(
    ("workers", "inherited"),
    [(1, signal.SIG_DFL), (2, signal.SIG_DFL), (1, signal.SIG_IGN)],
    ids=["1", "2", "1-background-job"],
)
def test_ctrl_c_stops_the_server_without_a_traceback(tmp_path, workers, inherited):
    # A shell starts a background job (`palaute-server serve &`) with SIGINT ignored; Python then keeps it
    # ignored, so the signal uvicorn re-raises after its graceful stop does nothing: the stop must still say so.
    env = {"PALAUTE_SERVER_LOG_LEVEL": "WARNING"}  # no request log: stderr holds only what a stop prints
    previous = signal.signal(signal.SIGINT, inherited if inherited == signal.SIG_IGN else signal.default_int_handler)
    try:
        started = ServerProcess.start(tmp_path / "srv", workers=workers, env=env)
    finally:
        signal.signal(signal.SIGINT, previous)
    with started as server:
        assert requests.get(server.url + "/openapi.json", timeout=10).status_code == 200
        code = interrupt(server)
    assert code in CTRL_C_EXIT_CODES, (code, stderr_of(server))
    text = stderr_of(server)
    assert "Traceback" not in text and "KeyboardInterrupt" not in text and "CancelledError" not in text, text
    assert "palaute-server: stopped" in text, text


def test_ctrl_c_while_a_long_poll_waits(tmp_path):
    with ServerProcess.start(tmp_path / "srv", env={"PALAUTE_SERVER_LOG_LEVEL": "WARNING"}) as server:
        server.add_user("rita", "rep", "pw")
        headers = sign_in(server, "rita")
        cursor = requests.get(server.url + "/api/v1/sync/changes", headers=headers, timeout=10).json()["cursor"]
        answered: list[int] = []

        def poll() -> None:
            try:
                answer = requests.get(
                    server.url + "/api/v1/sync/changes",
                    params={"cursor": cursor, "wait": 20},
                    headers=headers,
                    timeout=30,
                )
                answered.append(answer.status_code)
            except requests.RequestException:
                answered.append(-1)

        waiting = threading.Thread(target=poll)
        waiting.start()
        threading.Event().wait(0.5)  # the long-poll is parked in the server
        code = interrupt(server)
        waiting.join(30)
    assert code in CTRL_C_EXIT_CODES, (code, stderr_of(server))
    assert "Traceback" not in stderr_of(server), stderr_of(server)
    assert answered == [200]  # the waiting pull was answered before the stop
