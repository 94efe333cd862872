"""A server restart with 1,000 desktops long-polling: every one is answered as the server stops, comes back
within its spread reconnect window (not all in the same second), and is woken by the next change."""

from __future__ import annotations

import asyncio
import collections
import random
import time

import pytest
import requests

from bench.crowd import Poller, insight_mutation, make_reps, raise_fd_limit, run
from desktop.sync.backoff import Backoff
from tests.support.server_process import ServerProcess

DESKTOPS = 1000
SPREAD = 6.0  # the desktops' reconnect window (30 s in the app; shorter here to keep the test short)
ENV = {
    "PALAUTE_SERVER_PULL_PER_MINUTE": "100000",
    "PALAUTE_SERVER_PUSH_PER_MINUTE": "100000",
    "PALAUTE_SERVER_LOG_LEVEL": "WARNING",
}


class Desktop:
    """One desktop's pull loop as the app runs it (desktop/sync/service.py): the first pull, and the first
    after a lost connection, asks for what is there without waiting; every other is a long-poll, sent again at
    once after an answer. After a lost connection it waits the back-off (its first retry anywhere in the spread
    window), then reconnects."""

    def __init__(self, poller: Poller, seed: int) -> None:
        self.poller, self.backoff = poller, Backoff(spread=SPREAD, rng=random.Random(seed))
        self.answers: list[tuple[float, dict]] = poller.answers
        self.lost_at: float | None = None
        self.retried_at: float | None = None  # its first attempt to connect again
        self.errors: collections.Counter[str] = collections.Counter()
        self.back_at: float | None = None  # first answer after the connection was lost

    async def run(self) -> None:
        catching_up = True
        while True:
            try:
                await self.poller.get(wait=0 if catching_up else 25)
            except (OSError, asyncio.IncompleteReadError, RuntimeError) as error:  # RuntimeError: not a 200
                self.errors[type(error).__name__ if not isinstance(error, RuntimeError) else str(error)[:40]] += 1
                self.poller.close()
                self.lost_at = self.lost_at or time.monotonic()
                await asyncio.sleep(self.backoff.next_delay())
                self.retried_at = self.retried_at or time.monotonic()
                await self._reconnect()
                catching_up = True
                continue
            catching_up = False
            if self.lost_at is not None and self.back_at is None:
                self.back_at = self.answers[-1][0]
            self.backoff.success()

    async def _reconnect(self) -> None:
        while True:
            try:
                await self.poller.connect()
                return
            except OSError:  # still restarting: the usual schedule from here
                await asyncio.sleep(self.backoff.next_delay())


@pytest.mark.slow
def test_a_thousand_desktops_come_back_spread_after_a_restart_and_are_woken_again(tmp_path):
    raise_fd_limit(DESKTOPS + 1000)
    servers = [ServerProcess.start(tmp_path / "server", env=ENV)]
    url = f"sqlite:///{tmp_path / 'server' / 'palaute-server.sqlite3'}"
    tokens = make_reps(url, "desk", DESKTOPS, "payments")
    pusher = make_reps(url, "pusher", 1, "payments")[0]
    try:
        answered, retries, back, restarted_at, woken = run(_restart(servers, tokens, pusher))
    finally:
        for server in servers:
            server.stop()
    # The stopping server answered every waiting long-poll instead of cutting it off after its grace time.
    assert answered == DESKTOPS
    # Each desktop's first attempt to connect again came anywhere in the spread window, not all at once (the
    # server takes about as long as the window to start again here, which spreads later attempts anyway, so
    # only the first ones show whether the desktops spread themselves).
    assert len(retries) == DESKTOPS
    tries_per_second = collections.Counter(int(after) for after in retries)
    assert max(retries) - min(retries) >= SPREAD / 2, tries_per_second
    assert max(tries_per_second.values()) <= 3 * DESKTOPS / SPREAD, tries_per_second
    # Every desktop came back, over the window rather than in one burst (together: all within a second).
    assert len(back) == DESKTOPS
    per_second = collections.Counter(int(at - restarted_at) for at in back)
    assert max(back) - min(back) >= SPREAD / 2, per_second
    assert max(per_second.values()) <= 3 * DESKTOPS / SPREAD, per_second  # even: 167 a second
    # And the long-polls work after the crowd came back: one change reaches all 1,000.
    assert woken == DESKTOPS


async def _restart(servers: list[ServerProcess], tokens: list[str], pusher: str):
    """(answered as the server stopped, seconds from the lost connection to each desktop's first attempt to
    connect again, when each came back, when the server was restarted, woken after)."""
    first = servers[0]
    desktops = [Desktop(Poller(first.url, token), seed) for seed, token in enumerate(tokens)]
    gate = asyncio.Semaphore(200)

    async def connect(desktop: Desktop) -> None:
        async with gate:
            await desktop.poller.connect()

    await asyncio.gather(*(connect(d) for d in desktops))
    tasks = [asyncio.create_task(d.run()) for d in desktops]
    try:
        await _until(lambda: all(d.answers for d in desktops), 120)
        await asyncio.sleep(1)  # every pull loop is in its long-poll now
        marks = [len(d.answers) for d in desktops]
        await asyncio.to_thread(first.stop)
        answered = sum(1 for d, mark in zip(desktops, marks, strict=True) if len(d.answers) > mark)
        restarted_at = time.monotonic()
        port = int(first.url.rsplit(":", 1)[1])
        servers.append(await asyncio.to_thread(ServerProcess.start, first.data_dir, env=first.env, port=port))
        try:
            await _until(lambda: all(d.back_at for d in desktops), SPREAD + 60)
        except AssertionError:
            errors = sum((d.errors for d in desktops), collections.Counter())
            done = collections.Counter(repr(t.exception())[:80] for t in tasks if t.done())
            raise AssertionError(f"{sum(not d.back_at for d in desktops)} never came back; {errors}; {done}") from None
        back = [d.back_at for d in desktops]
        await asyncio.sleep(1)  # the last ones are in their long-polls again
        marks = [len(d.answers) for d in desktops]
        insight_id = await asyncio.to_thread(_push, servers[-1].url, pusher)
        woken = lambda: sum(1 for d, mark in zip(desktops, marks, strict=True) if _got(d, mark, insight_id))  # noqa: E731
        await _until(lambda: woken() == DESKTOPS, 30, fail=False)
        retries = [d.retried_at - d.lost_at for d in desktops if d.retried_at and d.lost_at]
        return answered, retries, back, restarted_at, woken()
    finally:
        for task in tasks:
            task.cancel()
        for desktop in desktops:
            desktop.poller.close()


def _got(desktop: Desktop, mark: int, insight_id: str) -> bool:
    return any(
        c.get("insight", {}).get("id") == insight_id for _, page in desktop.answers[mark:] for c in page["changes"]
    )


def _push(base: str, token: str) -> str:
    mutation = insight_mutation(1, "payments")
    answer = requests.post(
        base + "/api/v1/sync/push",
        json={"mutations": [mutation]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    answer.raise_for_status()
    return mutation["insight"]["id"]


async def _until(condition, timeout: float, *, fail: bool = True) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            if fail:
                raise AssertionError(f"timed out after {timeout} s")
            return
        await asyncio.sleep(0.1)
