"""A server restart drops every desktop's long-poll at once: the desktops come back spread out, not together.

Two parts. 1,000 desktops: the pull loop's real back-off (the one SyncService builds) after a lost connection,
for 1,000 desktops, must spread their first retries over the window. Real sockets: 24 real SyncServices
(each its own store and rep) long-polling a real server that is restarted on the same port; the restarted
server's request log shows when each came back. (24 rather than 1,000 real desktops: each runs two threads
and its own SQLite store on a machine shared with other tests; the 1,000 are covered by the first part.)
"""

from __future__ import annotations

import collections
import json
import random
import time

import pytest

from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.sync.account import build_service, sign_in
from desktop.sync.backoff import RECONNECT_SPREAD, Backoff
from desktop.sync.credentials import Vault
from desktop.sync.service import SyncService
from tests.support.server_process import ServerProcess
from tests.sync.conftest import add_user, start_server


def first_retries(count: int, spread: float) -> list[float]:
    delays = []
    for seed in range(count):
        backoff = Backoff(spread=spread, rng=random.Random(seed))
        backoff.success()  # the long-poll was working
        delays.append(backoff.next_delay())
    return delays


def test_a_thousand_desktops_losing_the_server_retry_spread_over_the_window():
    assert SyncService.__init__.__kwdefaults__["reconnect_spread"] == RECONNECT_SPREAD
    delays = first_retries(1000, RECONNECT_SPREAD)
    per_second = collections.Counter(int(d) for d in delays)
    assert all(0 <= d <= RECONNECT_SPREAD for d in delays)
    assert len(per_second) == int(RECONNECT_SPREAD)  # every second of the window gets some
    assert max(per_second.values()) <= 2.5 * 1000 / RECONNECT_SPREAD  # none gets a crowd (even: 33 a second)
    # Without the spread the same thousand would all come back within one second.
    assert max(first_retries(1000, 0)) - min(first_retries(1000, 0)) < 1


def test_a_server_that_was_never_reached_is_retried_on_the_usual_schedule():
    backoff = Backoff(spread=RECONNECT_SPREAD, rng=random.Random(1))
    assert backoff.next_delay() <= 1.0  # starting up while the server is away: no reason to wait long
    backoff.success()
    backoff.reset()  # "Sync now": retry at once, then the usual schedule
    assert backoff.next_delay() <= 1.0


@pytest.mark.slow
def test_desktops_reconnect_spread_out_after_a_server_restart(tmp_path, memory_keyring):
    spread, count = 8.0, 24
    server = start_server(tmp_path / "server")
    port = int(server.url.rsplit(":", 1)[1])
    services, stores = [], []
    try:
        for n in range(count):
            add_user(server, f"desk{n}", "rep", "desk-password", communities=())
        vault = Vault()
        for n in range(count):
            store = open_store(AppPaths.resolve(tmp_path / f"desk{n}"))
            stores.append(store)
            sign_in(store, vault, server.url, f"desk{n}", "desk-password")
            services.append(build_service(store, vault, reconnect_spread=spread))
        for service in services:
            service.start()
        _until(lambda: all(s.sync.meta("cursor") for s in stores), "every desktop pulled once")
        time.sleep(1)  # every pull loop is now in its long-poll
        server.stop()  # the waiting long-polls are answered, then the port closes
        restarted_at = time.time()
        server = ServerProcess.start(server.data_dir, env=server.env, port=port)
        _until(lambda: len(_first_pulls(server, restarted_at)) == count, "every desktop came back", 60)
        back = _first_pulls(server, restarted_at)
        # The stopping server answered its waiting long-polls instead of cutting them off after a timeout.
        assert "graceful shutdown exceeded" not in server.log_text()
    finally:
        for service in services:
            service.stop()
        for store in stores:
            store.close()
        server.stop()
    seconds = collections.Counter(int(at - restarted_at) for at in back.values())
    # Together, all 24 would arrive within the same second; spread over 8 s, about 3 a second.
    assert max(seconds.values()) <= count // 2, seconds
    assert max(back.values()) - min(back.values()) >= spread / 4, seconds


def _first_pulls(server: ServerProcess, since: float) -> dict[str, float]:
    """user -> when the restarted server first answered a pull of theirs (its JSON request log)."""
    first: dict[str, float] = {}
    for line in server.log_text().splitlines():
        if not line.startswith("{"):
            continue
        entry = json.loads(line)
        if entry.get("path") == "/api/v1/sync/changes" and entry.get("status") == 200 and entry["ts"] > since:
            first.setdefault(entry["user"], entry["ts"])
    return first


def _until(condition, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.1)
