"""Webhook delivery in a process of its own: `serve` starts one beside the web workers, at a lower priority;
it ends with `serve` however `serve` ends (SIGKILL included); a commit in a web worker wakes it at once."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from tests.server.web.rep_api import RepClient
from tests.support.processes import children, ended
from tests.support.server_process import FAST_HASHING, REPO, ServerProcess
from tests.support.webhook_receiver import Receiver

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads processes from /proc")
PASSWORD = "delivery-process-password"
# Longer than any test here waits: a message that arrives came by a wake-up, not by the deliverer's poll.
NO_POLL = {"PALAUTE_SERVER_WEBHOOK_POLL_INTERVAL": "120"}


def wait_started(server: ServerProcess, timeout: float = 60) -> int:
    """The delivery process's pid, once it says it started (its watch of others' commits runs from then)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(r"webhook delivery process (\d+) started", server.log_text())
        if found:
            return int(found.group(1))
        time.sleep(0.1)
    raise AssertionError(f"no delivery process started:\n{server.log_text()[-3000:]}")


def start(tmp_path, database_url=None, workers: int = 1, **env: str) -> ServerProcess:
    return ServerProcess.start(
        tmp_path / "server", database_url=database_url, workers=workers, env={"PALAUTE_SERVER_LOG_LEVEL": "INFO", **env}
    )


@pytest.mark.timeout(120)
def test_serve_starts_one_delivery_process_at_a_lower_priority(tmp_path):
    with start(tmp_path, workers=2, PALAUTE_SERVER_WEBHOOK_DELIVERY_NICE="5") as server:
        pid = wait_started(server)
        assert server.delivery_pids() == [pid]
        serve_nice = os.getpriority(os.PRIO_PROCESS, server.process.pid)
        assert os.getpriority(os.PRIO_PROCESS, pid) == min(19, serve_nice + 5)
        assert f"priority: nice {min(19, serve_nice + 5)}" in server.log_text()
    assert ended(pid)


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("how", "workers"), [("SIGKILL", 1), ("SIGKILL", 2), ("SIGTERM", 1)])
def test_the_delivery_process_ends_with_serve(tmp_path, how, workers):
    server = start(tmp_path, workers=workers)
    others = []
    try:
        pid = wait_started(server)
        others = [child for child in children(server.process.pid) if child != pid]  # web workers (workers > 1)
        if how == "SIGKILL":
            server.process.kill()  # no chance to stop its child itself
            server.process.wait(10)
        else:
            assert server.stop() == -signal.SIGTERM  # dies of the signal, as a server stopped so does
            # serve stopped it in order before ending itself (a container's end would cut it off otherwise)
            assert f"webhook delivery process {pid} stopped" in server.log_text()
        assert ended(pid), f"delivery process {pid} outlived serve ({how})"
        assert f"webhook delivery process {pid} stopped" in server.log_text()  # an orderly stop
        # Web workers stop too: before server/orphan_watch.py they served on after a SIGKILL, holding the port.
        assert len(others) >= (workers if workers > 1 else 0)
        assert all(ended(child) for child in others), f"web workers outlived serve ({how})"
    finally:
        server.stop()
        for child in others:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)


@pytest.mark.timeout(180)
def test_a_commit_in_a_web_worker_wakes_the_delivery_process(tmp_path, database_url):
    with start(tmp_path, database_url, workers=2, **NO_POLL) as server, Receiver() as receiver:
        out = server.cli("webhook", "add", receiver.url, "--events", "insight.created").stdout
        receiver.secret = re.search(r"(whsec_\S+)", out).group(1)
        server.add_user("rita", "rep", PASSWORD, communities=["payments"])
        wait_started(server)
        rep = RepClient(server.url, "rita", PASSWORD)
        time.sleep(1)  # past the delivery process's first claim: only a wake-up delivers from here
        lags = []
        for n in range(3):
            pushed = time.monotonic()
            rep.push(f"Insight number {n}", "payments")
            got = receiver.wait_for(n + 1, timeout=10)
            assert len(got) == n + 1, f"message {n} not delivered within 10 s"
            lags.append(time.monotonic() - pushed)
        # Well under the poll interval (120 s); generous beside it for a loaded machine at nice 19.
        assert max(lags) < 5, lags
    assert receiver.bad_signatures == 0


@pytest.mark.timeout(120)
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_deliver_on_its_own_stops_cleanly_on_a_signal(tmp_path, sig):
    """As on another host or in a container of its own (and as Ctrl+C reaches it beside `serve`): an orderly
    stop with code 0 while its standard input is still open, no fatal error at exit."""
    env = {**os.environ, **FAST_HASHING, "PALAUTE_SERVER_LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"}
    args = [sys.executable, "-m", "server", "--data-dir", str(tmp_path / "server"), "deliver", "--until-stdin-closes"]
    log = tmp_path / "deliver.log"
    with open(log, "wb") as err:
        process = subprocess.Popen(args, stdin=subprocess.PIPE, stderr=err, env=env, cwd=REPO)
    try:
        deadline = time.monotonic() + 60
        while "started" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        process.send_signal(sig)
        assert process.wait(30) == 0, log.read_text()
    finally:
        if process.poll() is None:
            process.kill()
        process.stdin.close()
    text = log.read_text()
    assert f"webhook delivery process {process.pid} stopped" in text
    assert "Fatal Python error" not in text and "Traceback" not in text, text
