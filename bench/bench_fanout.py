"""Long-poll fan-out: many reps waiting, one push; thousands of idle long-polls and an unrelated push.

Real server processes on loopback. `python -m bench.bench_fanout [--quick] [--only sqlite|postgres]`
- 1,000 reps of one community wait; a colleague pushes one insight: does every waiter get it, and how long
  after the push was acknowledged? SQLite: one server process. PostgreSQL: two server processes (two workers
  as two hosts would run them), the push on one and every waiter on the other.
- 5,000 idle long-polls on one PostgreSQL-backed process: latency of pushes into another community, and the
  server's memory before and after the long-polls arrived.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import requests

from bench.bench_server import LIMITS, PG_URL, drop_schema, pg_schema
from bench.crowd import cpu_seconds, insight_mutation, make_reps, raise_fd_limit, rss_mib, run, settled, start_pollers
from bench.figures import Figure, percentile, print_figures
from tests.support.server_process import FAST_HASHING, ServerProcess

ENV = {**FAST_HASHING, **LIMITS, "PALAUTE_SERVER_LOG_LEVEL": "WARNING"}


def push_one(base: str, token: str, number: int, community: str) -> tuple[float, float, str]:
    """(started, acknowledged) in monotonic seconds, and the new insight's id."""
    mutation = insight_mutation(number, community)
    started = time.monotonic()
    answer = requests.post(
        base + "/api/v1/sync/push",
        json={"mutations": [mutation]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    acknowledged = time.monotonic()
    answer.raise_for_status()
    assert answer.json()["results"][0]["status"] == "applied", answer.text
    return started, acknowledged, mutation["insight"]["id"]


async def wake_rounds(push_base: str, wait_base: str, url: str, pids: list[int], waiters: int, rounds: int):
    """Wake delays (ms after the push's acknowledgement) over all rounds, and how many waiters got each push."""
    tokens = make_reps(url, "waiter", waiters, "payments")
    pusher = make_reps(url, "pusher", 1, "payments")[0]
    pollers, tasks = await start_pollers(wait_base, tokens, wait=25)
    delays, delivered, cpu, load = [], [], [], []
    try:
        for number in range(1, rounds + 1):
            await settled(pids)
            load.append(os.getloadavg()[0])
            marks = [len(p.answers) for p in pollers]
            cpu_before = sum(cpu_seconds(p) for p in pids)
            _, acked, insight_id = await asyncio.to_thread(push_one, push_base, pusher, number, "payments")
            got = await _arrivals(pollers, marks, insight_id, deadline=time.monotonic() + 30)
            delivered.append(len(got))
            delays += [(at - acked) * 1000 for at in got]
            await settled(pids)  # the woken desktops' next long-polls are in, too
            cpu.append(sum(cpu_seconds(p) for p in pids) - cpu_before)
    finally:
        for task in tasks:
            task.cancel()
        for poller in pollers:
            poller.close()
    return delays, delivered, statistics.median(cpu), statistics.median(load)


async def _arrivals(pollers, marks: list[int], insight_id: str, deadline: float) -> list[float]:
    """When each poller received the insight (pollers that did not within the deadline are left out)."""
    arrived: dict[int, float] = {}
    while len(arrived) < len(pollers) and time.monotonic() < deadline:
        for index, (poller, mark) in enumerate(zip(pollers, marks, strict=True)):
            if index in arrived:
                continue
            for at, page in poller.answers[mark:]:
                if any(c.get("insight", {}).get("id") == insight_id for c in page["changes"]):
                    arrived[index] = at
                    break
        await asyncio.sleep(0.05)
    return list(arrived.values())


def wake_figures(label: str, result, waiters: int) -> list[Figure]:
    delays, delivered, cpu, load = result
    got = f"{min(delivered)}/{waiters} in the worst of {len(delivered)} pushes"
    per_waiter = cpu / waiters * 1000
    return [
        Figure(f"{label}: server CPU per woken waiter (+ its next poll)", per_waiter, "ms", "median of the pushes"),
        Figure(f"{label}: waiters that got the push", min(delivered), f"of {waiters}", got),
        Figure(f"{label}: wake after ack, p50", statistics.median(delays), "ms", "today 99: 293, 299: 1,088"),
        Figure(f"{label}: wake after ack, p95", percentile(delays, 95), "ms", "≤ 500 ms; today 99: 430, 299: 2,403"),
        Figure(f"{label}: wake after ack, max", max(delays), "ms", "today 99: 438, 299: 2,573"),
        Figure(f"{label}: machine load average (1 min) at the pushes", load, "", "2 cores; other work shares them"),
    ]


def sqlite_wake(folder: Path, waiters: int, rounds: int) -> list[Figure]:
    url = f"sqlite:///{folder / 'palaute-server.sqlite3'}"
    with ServerProcess.start(folder, env=ENV) as server:
        pids = [server.process.pid]
        result = run(wake_rounds(server.url, server.url, url, pids, waiters, rounds))
    return wake_figures(f"SQLite, 1 process, {waiters:,} waiting", result, waiters)


def postgres_wake(folder: Path, url: str, waiters: int, rounds: int) -> list[Figure]:
    with (
        ServerProcess.start(folder / "a", database_url=url, env=ENV) as pushes,
        ServerProcess.start(folder / "b", database_url=url, env=ENV) as waits,
    ):
        pids = [pushes.process.pid, waits.process.pid]
        result = run(wake_rounds(pushes.url, waits.url, url, pids, waiters, rounds))
    return wake_figures(f"PostgreSQL, 2 processes, {waiters:,} waiting on the other", result, waiters)


async def idle_crowd(base: str, url: str, pid: int, count: int, pushes: int) -> list[Figure]:
    tokens = make_reps(url, "idle", count, "onboarding")
    pusher = make_reps(url, "busy", 1, "payments")[0]
    before_ms = await _push_latencies(base, pusher, 1, pushes)
    rss_before = rss_mib(pid)
    pollers, tasks = await start_pollers(base, tokens, wait=25)
    try:
        await settled([pid])
        rss_after = rss_mib(pid)
        load = os.getloadavg()[0]
        during_ms = await _push_latencies(base, pusher, pushes + 1, pushes)
        woken = sum(1 for p in pollers for _, page in p.answers if page["changes"])
    finally:
        for task in tasks:
            task.cancel()
        for poller in pollers:
            poller.close()
    per_poll_kib = (rss_after - rss_before) * 1024 / count
    return [
        Figure("PostgreSQL: unrelated push, no long-polls, p95", percentile(before_ms, 95), "ms"),
        Figure(f"PostgreSQL: unrelated push, {count:,} idle long-polls, p50", statistics.median(during_ms), "ms"),
        Figure(
            f"PostgreSQL: unrelated push, {count:,} idle long-polls, p95", percentile(during_ms, 95), "ms", "≤ 50 ms"
        ),
        Figure("PostgreSQL: idle long-polls handed a change", woken, "answers", "0 (none may see them)"),
        Figure("PostgreSQL: server memory, no long-polls", rss_before, "MiB"),
        Figure(f"PostgreSQL: server memory, {count:,} idle long-polls", rss_after, "MiB"),
        Figure("PostgreSQL: memory per idle long-poll", per_poll_kib, "KiB", "budget ≤ 40 KiB (docs/deploy.md)"),
        Figure("PostgreSQL: machine load average (1 min) at the pushes", load, "", "2 cores; other work shares them"),
    ]


async def _push_latencies(base: str, token: str, first: int, count: int) -> list[float]:
    samples = []
    for number in range(first, first + count):
        started, acked, _ = await asyncio.to_thread(push_one, base, token, number, "payments")
        samples.append((acked - started) * 1000)
    return samples


def postgres_idle(folder: Path, url: str, count: int, pushes: int) -> list[Figure]:
    with ServerProcess.start(folder, database_url=url, env=ENV) as server:
        return run(idle_crowd(server.url, url, server.process.pid, count, pushes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer rounds and pushes")
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--waiters", type=int, default=1000)
    parser.add_argument("--idle", type=int, default=5000)
    args = parser.parse_args(argv)
    raise_fd_limit(args.idle + args.waiters + 1000)
    rounds, pushes = (2, 50) if args.quick else (5, 200)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="palaute-bench-") as tmp:
        if args.only != "postgres":
            figures += sqlite_wake(Path(tmp) / "sqlite", args.waiters, rounds)
        for run in ("wake", "idle") if args.only != "sqlite" else ():
            schema = pg_schema()
            if schema is None:
                break
            url = f"{PG_URL}?options=-csearch_path%3D{schema}"
            try:
                if run == "wake":
                    figures += postgres_wake(Path(tmp) / "pg-wake", url, args.waiters, rounds)
                else:
                    figures += postgres_idle(Path(tmp) / "pg-idle", url, args.idle, pushes)
            finally:
                drop_schema(schema)
    print_figures("Long-poll fan-out (real server processes on loopback)", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
