"""Webhook benchmarks: pushes are not slowed by webhooks to a slow receiver; delivery lag to a fast one.

- push throughput with and without webhooks, decided on paired rounds. Each run first fills the server
  (10,400 insights pushed with delivery off; on the webhook side each is an `insight.created` message for a
  receiver taking 50 ms per message, so 10,400 are waiting), restarts it with delivery on, warms it up
  with 800 more, and measures pushing 4,800 more while the backlog is being delivered (the backlog left at the start and at the end of the
  measured pushes is printed). Runs alternate A B, B A, A B, … so that the neighbours' load, which drifts on a
  shared machine, falls on both sides alike; the ratio of each round's pair is kept, and their median and
  range are printed beside the spread of the runs without webhooks (the noise the decision must beat);
- delivery lag (the event's timestamp → the receiver has it) to a fast receiver, at a steady push rate of
  single insights and for a burst of 10,400 pushed as fast as 8 clients can;
- the load average at each figure (the machine is shared).

Real server processes on loopback (2 workers), receivers in a process of their own.
- the CPU the web side (`serve` and its workers) used per pushed insight on each side, and the delivery
  process's CPU meanwhile: on a shared machine a steadier comparison than the rates;
- `--sides` adds others, interleaved the same way: `thread`, delivery as a thread in each worker
  (`WEBHOOK_DELIVERY=thread`, as before the delivery process); `outbox`, the subscription and its backlog but
  no delivery at all (`WEBHOOK_DELIVERY=off`): what writing the outbox rows costs the pushes by itself.

- `--drain`: the delivery alone, with 10,400 messages waiting and no pushes, to a 50 ms and a fast receiver:
  the rate, and the CPU per delivered message of the delivery process, PostgreSQL and the bench's receiver.

`python -m bench.bench_webhooks [--quick] [--rounds N] [--only sqlite|postgres] [--sides plain,hooked,thread,outbox] [--no-lag] [--drain]`
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bench.bench_server import LIMITS, PG_URL, Client, batch, drop_schema, make_users, pg_schema
from bench.figures import Figure, p50_p95, print_figures
from tests.support.processes import children, cpu_seconds
from tests.support.server_process import FAST_HASHING, ServerProcess

CLIENTS = 8


def _receive(port_out, delay: float, results, stop) -> None:
    """A receiver process: answers 204 after `delay`; reports (event timestamp, arrival) pairs when stopped.

    aiohttp's server on uvloop: it shares the bench's two cores with the server under test, where a real
    receiver would run elsewhere, so it does as little per message as a lean production receiver would
    (Python's ThreadingHTTPServer, used before, took ~0.5 ms of CPU per message, more than the sender).
    The bodies are kept and read after the run, not while messages arrive."""
    import asyncio

    import uvloop
    from aiohttp import web

    arrivals: list[tuple[bytes, float]] = []

    async def hook(request: web.Request) -> web.Response:
        body = await request.read()
        arrivals.append((body, time.time()))
        if delay:
            await asyncio.sleep(delay)
        return web.Response(status=204)

    async def main() -> None:
        app = web.Application()
        app.router.add_post("/hook", hook)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        port_out.put(runner.addresses[0][1])
        await asyncio.get_running_loop().run_in_executor(None, stop.wait)
        await runner.cleanup()

    uvloop.run(main())
    stamps = [
        (datetime.fromisoformat(json.loads(body)["timestamp"].replace("Z", "+00:00")).timestamp(), arrived)
        for body, arrived in arrivals
    ]
    results.put(stamps)


class OneByOne(Client):
    def push_one(self) -> None:
        body = batch(self.number + 1)
        body["mutations"] = body["mutations"][:1]
        self.http.post(self.url + "/api/v1/sync/push", json=body, timeout=60).raise_for_status()
        self.number += 1


class Receiver:
    def __init__(self, delay: float) -> None:
        context = multiprocessing.get_context("spawn")
        self._port, self._results, self._stop = context.Queue(), context.Queue(), context.Event()
        self._process = context.Process(target=_receive, args=(self._port, delay, self._results, self._stop))
        self._process.start()
        self.url = f"http://127.0.0.1:{self._port.get(timeout=30)}/hook"

    @property
    def pid(self) -> int:
        return self._process.pid or 0

    def arrivals(self) -> list[tuple[float, float]]:
        self._stop.set()
        found = self._results.get(timeout=60)
        self._process.join(10)
        return found


def rounds_for(events: int) -> int:
    """Batches of 100 per client so that at least `events` insights are pushed (8 clients: 10,400 for 10,000)."""
    return -(-events // (CLIENTS * 100))


def push_all(clients: list[Client], batches_each: int) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(len(clients)) as pool:
        list(pool.map(lambda c: [c.push_batch() for _ in range(batches_each)], clients))
    return len(clients) * batches_each * 100 / (time.perf_counter() - started)


def waiting(server: ServerProcess) -> int:
    """Messages delivered so far (read straight from the database: a CLI process per look would cost CPU)."""
    url = server.database_url or f"sqlite:///{server.data_dir / 'palaute-server.sqlite3'}"
    engine = _engines.get(url) or _engines.setdefault(url, create_engine(url, poolclass=NullPool))
    with engine.connect() as connection:
        return connection.execute(text("SELECT COALESCE(SUM(delivered), 0) FROM webhooks")).scalar_one()


_engines: dict = {}


def serve(folder: Path, url: str | None, env: dict) -> ServerProcess:
    folder.mkdir(parents=True, exist_ok=True)
    make_users(url or f"sqlite:///{folder / 'palaute-server.sqlite3'}", CLIENTS)
    return ServerProcess.start(folder, database_url=url, workers=2, env={**FAST_HASHING, **LIMITS, **env})


def pending(server: ServerProcess) -> int:
    url = server.database_url or f"sqlite:///{server.data_dir / 'palaute-server.sqlite3'}"
    engine = _engines.get(url) or _engines.setdefault(url, create_engine(url, poolclass=NullPool))
    with engine.connect() as connection:
        return connection.execute(text("SELECT COUNT(*) FROM webhook_outbox")).scalar_one()


def load() -> str:
    return "load " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


FILL, MEASURED = 10_000, 4_800
SIDES = ("plain", "hooked")
# The delivery setting of the measured server on each side (the fill runs with delivery off).
MODES = {"plain": "process", "hooked": "process", "thread": "thread", "outbox": "off"}


class CpuMeter:
    """CPU seconds used by the server's web side (`serve` and its workers), by its delivery process, and by
    PostgreSQL (every `postgres` process on this machine: the bench's server on loopback is the only one busy)."""

    def __init__(self, server: ServerProcess) -> None:
        delivery = set(server.delivery_pids())
        self._web = [server.process.pid, *(p for p in children(server.process.pid) if p not in delivery)]
        self._delivery = sorted(delivery)
        self._start = self._now()
        self._database = _postgres_cpu()

    def _now(self) -> tuple[float, float]:
        return sum(map(cpu_seconds, self._web)), sum(map(cpu_seconds, self._delivery))

    def used(self) -> tuple[float, float]:
        now = self._now()
        return now[0] - self._start[0], now[1] - self._start[1]

    def database(self) -> float:
        """PostgreSQL's CPU since the start (backends that started since count whole; one that ended is lost)."""
        now = _postgres_cpu()
        return sum(seconds - self._database.get(pid, 0.0) for pid, seconds in now.items())


def _postgres_cpu() -> dict[int, float]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                name = (entry / "comm").read_text().strip()
            except OSError:
                continue
            if name == "postgres":
                found[int(entry.name)] = cpu_seconds(int(entry.name))
    return found


def filled(folder: Path, url: str | None, receiver: Receiver | None, count: int) -> list[Client]:
    """A server filled with `count` insights (whole batches) pushed with delivery off, each an `insight.created`
    message waiting for `receiver` if there is one; returns the clients, whose devices and tokens stay valid."""
    with serve(folder, url, {"PALAUTE_SERVER_WEBHOOK_DELIVERY": "off"}) as server:
        if receiver is not None:
            server.cli("webhook", "add", receiver.url, "--events", "insight.created")
        clients = [Client(server.url, f"rep{n}") for n in range(CLIENTS)]
        push_all(clients, rounds_for(count))
    return clients


def one_run(folder: Path, url: str | None, receiver: Receiver | None, fill: int, measured: int, mode: str) -> dict:
    """Fill the server (delivery off), restart it with delivery on (`mode`: process or thread), and measure
    pushes while it delivers: their rate, and the CPU the web side and the delivery process used meanwhile."""
    clients = filled(folder, url, receiver, fill)
    env = {**FAST_HASHING, **LIMITS, "PALAUTE_SERVER_WEBHOOK_DELIVERY": mode}
    with ServerProcess.start(folder, database_url=url, workers=2, env=env) as server:
        for client in clients:  # the same devices and tokens, on the restarted server's port
            client.url = server.url
        push_all(clients, 1)  # warm-up: a restarted server's first pushes are several times slower
        before = pending(server) if receiver else 0
        meter = CpuMeter(server)
        receiver_cpu = cpu_seconds(receiver.pid) if receiver else 0.0
        rate = push_all(clients, rounds_for(measured))
        web_cpu, delivery_cpu = meter.used()
        database_cpu = meter.database() if url else 0.0
        receiver_cpu = (cpu_seconds(receiver.pid) - receiver_cpu) if receiver else 0.0
        after = pending(server) if receiver else 0
        pushed = rounds_for(measured) * CLIENTS * 100
        return {
            "rate": rate,
            "web_ms": web_cpu * 1000 / pushed,  # web side's CPU per pushed insight
            "db_ms": database_cpu * 1000 / pushed,  # PostgreSQL's (0 on SQLite, which runs in the web side)
            "delivery_cpu_s": delivery_cpu,
            "receiver_cpu_s": receiver_cpu,  # the bench's receiver, on the same cores (a real one is elsewhere)
            "web_cpu_s": web_cpu,
            "before": before,
            "after": after,
            "load": load(),
        }


def lag(folder: Path, url: str | None, events: int, rate: float | None) -> tuple[list[float], float, dict]:
    """Lags (ms) to a fast receiver, the receiver's arrival rate (events/s), and where the time and CPU went
    (seconds: pushing, until the last arrival; CPU of the web side, the delivery process, the receiver).
    `rate`: pushes of one insight each, at that many per second (reps capturing one at a time); None: batches
    of 100 as fast as possible."""
    receiver = Receiver(0.0)
    with serve(folder, url, {}) as server:
        server.cli("webhook", "add", receiver.url, "--events", "insight.created")
        clients = [OneByOne(server.url, f"rep{n}") for n in range(CLIENTS)]
        meter, receiver_cpu = CpuMeter(server), cpu_seconds(receiver.pid)
        started = time.perf_counter()
        if rate:
            for n in range(events):
                clients[n % CLIENTS].push_one()
                time.sleep(max(0.0, started + (n + 1) / rate - time.perf_counter()))
        else:
            push_all(clients, rounds_for(events))
            events = rounds_for(events) * CLIENTS * 100
        pushed = time.perf_counter() - started
        deadline = time.monotonic() + 300
        while waiting(server) < events and time.monotonic() < deadline:
            time.sleep(0.05)
        web_cpu, delivery_cpu = meter.used()
        spent = {
            "push_s": pushed,
            "web_cpu_s": web_cpu,
            "delivery_cpu_s": delivery_cpu,
            "receiver_cpu_s": cpu_seconds(receiver.pid) - receiver_cpu,
        }
    arrivals = receiver.arrivals()
    spread = max(a for _, a in arrivals) - min(a for _, a in arrivals)
    lags = [(arrived - stamp) * 1000 for stamp, arrived in arrivals]
    return lags, len(arrivals) / max(spread, 1e-3), spent


def drain(folder: Path, url: str | None, delay: float, seconds: float = 3.0) -> dict:
    """The delivery alone: 10,400 messages waiting (pushed with delivery off), then the server restarted with
    delivery on and no pushes; over a window, the delivery rate and the CPU per delivered message of the
    delivery process, PostgreSQL and the bench's receiver (which a real receiver would not use here)."""
    receiver = Receiver(delay)
    filled(folder, url, receiver, FILL)
    env = {**FAST_HASHING, **LIMITS}
    with ServerProcess.start(folder, database_url=url, workers=2, env=env) as server:
        time.sleep(0.5)  # past the start and the first claim
        meter, receiver_cpu, delivered = CpuMeter(server), cpu_seconds(receiver.pid), int(waiting(server))
        started = time.perf_counter()
        time.sleep(seconds)
        _, delivery_cpu = meter.used()
        database_cpu = meter.database() if url else 0.0
        receiver_cpu = cpu_seconds(receiver.pid) - receiver_cpu
        delivered = int(waiting(server)) - delivered
        spent = time.perf_counter() - started
    receiver.arrivals()
    each = max(delivered, 1)
    return {
        "rate": delivered / spent,
        "delivery_ms": delivery_cpu * 1000 / each,
        "db_ms": database_cpu * 1000 / each,
        "receiver_ms": receiver_cpu * 1000 / each,
        "share": (delivery_cpu + database_cpu + receiver_cpu) / spent / 2 * 100,  # of the two cores
    }


def drain_figures(label: str, url_for, folder: Path) -> list[Figure]:
    figures = []
    for delay, name in ((0.05, "50 ms receiver"), (0.0, "fast receiver")):
        found = drain(folder / f"drain{delay}", url_for(), delay)
        figures.append(
            Figure(
                f"{label}: delivery alone to a {name}, CPU a message (delivery process)",
                found["delivery_ms"],
                "ms",
                f"{found['rate']:,.0f} messages/s; PostgreSQL {found['db_ms']:.3f} ms, the bench's receiver "
                f"{found['receiver_ms']:.3f} ms; {found['share']:.0f} % of the two cores",
            )
        )
    return figures


def run_backend(
    label: str,
    url_for,
    folder: Path,
    quick: bool,
    rounds: int,
    sides: tuple[str, ...] = SIDES,
    lag: bool = True,
    alone: bool = False,
) -> list[Figure]:
    figures = throughput_figures(label, url_for, folder, quick, rounds, sides) if rounds else []
    figures += lag_figures(label, url_for, folder, quick) if lag else []
    return figures + (drain_figures(label, url_for, folder) if alone else [])


def throughput_figures(
    label: str, url_for, folder: Path, quick: bool, rounds: int, chosen: tuple[str, ...] = SIDES
) -> list[Figure]:
    fill, measured = (2_400, 2_400) if quick else (FILL, MEASURED)
    sides = ["plain", "hooked", *(side for side in chosen if side not in ("plain", "hooked"))]
    runs: dict[str, list[dict]] = {side: [] for side in sides}
    for round_ in range(rounds):
        shift = round_ % len(sides)  # each side first, middle and last in turn: drifting load falls on all
        order = sides[shift:] + sides[:shift] if round_ % 2 == 0 else list(reversed(sides[shift:] + sides[:shift]))
        for side in order:
            receiver = Receiver(0.05) if side != "plain" else None
            mode = MODES[side]
            run = one_run(folder / f"{side}{round_}", url_for(), receiver, fill, measured, mode)
            if receiver is not None:
                receiver.arrivals()
            runs[side].append(run)
            print(f"  {label} round {round_ + 1} {side}: {run}", flush=True)
    plain, hooked = runs["plain"], runs["hooked"]
    ratios = [h["rate"] / p["rate"] * 100 for p, h in zip(plain, hooked, strict=True)]
    base = statistics.median(r["rate"] for r in plain)
    with_hooks = statistics.median(r["rate"] for r in hooked)
    ratio = statistics.median(ratios)
    noise = (max(r["rate"] for r in plain) / min(r["rate"] for r in plain) - 1) * 100
    pushed = rounds_for(measured) * CLIENTS * 100
    figures = [
        Figure(
            f"{label}: push, no webhooks ({pushed:,} insights, median of {rounds})",
            base,
            "insights/s",
            "runs " + ", ".join(f"{r['rate']:.0f}" for r in plain) + f" (spread {noise:.0f} %)",
        ),
        Figure(
            f"{label}: push, 50 ms receiver with a backlog",
            with_hooks,
            "insights/s",
            "runs "
            + ", ".join(f"{r['rate']:.0f}" for r in hooked)
            + "; backlog at start/end "
            + ", ".join(f"{r['before']:,}/{r['after']:,}" for r in hooked),
        ),
        Figure(
            f"{label}: push with webhooks / without, median of pairs",
            ratio,
            "%",
            f"≥ 90 %; pairs {min(ratios):.0f}-{max(ratios):.0f} %; {hooked[-1]['load']}",
        ),
    ]
    for side, name in (
        ("plain", "no webhooks"),
        ("hooked", "delivery process"),
        ("thread", "delivery threads"),
        ("outbox", "outbox rows only, no delivery"),
    ):
        if side in runs:
            figures.append(_per_insight(f"{label}: web side's CPU per pushed insight, {name}", runs[side], "web_ms"))
            if any(r["db_ms"] for r in runs[side]):
                figures.append(
                    _per_insight(f"{label}: PostgreSQL's CPU per pushed insight, {name}", runs[side], "db_ms")
                )
    figures.append(
        Figure(
            f"{label}: during the measured pushes (delivery process), CPU of the delivery process, median",
            statistics.median(r["delivery_cpu_s"] for r in hooked),
            "s",
            "runs "
            + ", ".join(f"{r['delivery_cpu_s']:.2f}" for r in hooked)
            + "; the bench's receiver "
            + ", ".join(f"{r['receiver_cpu_s']:.2f}" for r in hooked)
            + "; the web side "
            + ", ".join(f"{r['web_cpu_s']:.2f}" for r in hooked),
        )
    )
    for side, name in (("thread", "delivery threads (before)"), ("outbox", "outbox rows only")):
        if side not in runs:
            continue
        side_ratios = [t["rate"] / p["rate"] * 100 for p, t in zip(plain, runs[side], strict=True)]
        figures.append(
            Figure(
                f"{label}: push with {name} / without webhooks, median of pairs",
                statistics.median(side_ratios),
                "%",
                f"pairs {min(side_ratios):.0f}-{max(side_ratios):.0f} %",
            )
        )
    return figures


def _per_insight(title: str, runs: list[dict], key: str) -> Figure:
    """The median of one per-insight CPU figure over the runs, each run's value beside it."""
    values = [r[key] for r in runs]
    return Figure(f"{title}, median", statistics.median(values), "ms", "runs " + ", ".join(f"{v:.2f}" for v in values))


def lag_figures(label: str, url_for, folder: Path, quick: bool) -> list[Figure]:
    figures = []
    rate = 50.0
    steady, _, _ = lag(folder / "lag-steady", url_for(), 500 if quick else 1_500, rate)
    p50, p95 = p50_p95(steady)
    figures.append(Figure(f"{label}: delivery lag, {rate:.0f} pushes/s of 1, p50", p50, "ms"))
    figures.append(Figure(f"{label}: delivery lag, {rate:.0f} pushes/s of 1, p95", p95, "ms", f"≤ 2000 ms; {load()}"))
    events = rounds_for(2_400 if quick else 10_000) * CLIENTS * 100
    burst, throughput, spent = lag(folder / "lag-burst", url_for(), events, None)
    p50, p95 = p50_p95(burst)
    figures.append(Figure(f"{label}: delivery rate to a fast receiver (burst)", throughput, "events/s", "2 workers"))
    figures.append(
        Figure(
            f"{label}: burst: pushing took",
            spent["push_s"],
            "s",
            f"CPU until the last arrival: web side {spent['web_cpu_s']:.2f} s, delivery process "
            f"{spent['delivery_cpu_s']:.2f} s, the bench's receiver {spent['receiver_cpu_s']:.2f} s",
        )
    )
    tenths = [statistics.mean(burst[n * len(burst) // 10 : (n + 1) * len(burst) // 10]) / 1000 for n in range(10)]
    figures.append(
        Figure(
            f"{label}: delivery lag, burst of {events:,}, p50",
            p50,
            "ms",
            # What the p95 hides: whether the delivery falls behind while the clients push, or only after.
            "mean by tenth of arrivals: " + ", ".join(f"{t:.2f}" for t in tenths) + " s",
        )
    )
    figures.append(Figure(f"{label}: delivery lag, burst of {events:,}, p95", p95, "ms", f"≤ 2000 ms?; {load()}"))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="2,400 events instead of 10,000")
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--rounds", type=int, default=4, help="pairs of runs with and without webhooks (0: lag only)")
    parser.add_argument(
        "--sides",
        type=lambda value: tuple(value.split(",")),
        default=SIDES,
        help="plain,hooked (always) and any of thread (delivery threads, as before), outbox (no delivery)",
    )
    parser.add_argument("--no-lag", action="store_true", help="throughput only")
    parser.add_argument(
        "--drain", action="store_true", help="also the delivery alone (no pushes): its CPU per message, slow and fast"
    )
    args = parser.parse_args(argv)
    figures: list[Figure] = []
    schemas: list[str] = []

    def pg_url() -> str | None:
        name = pg_schema()
        if name is None:
            raise RuntimeError("PostgreSQL unreachable")
        schemas.append(name)
        return f"{PG_URL}?options=-csearch_path%3D{name}"

    with tempfile.TemporaryDirectory(prefix="palaute-bench-hooks-") as tmp:
        try:
            if args.only != "sqlite":
                try:
                    figures += run_backend(
                        "PostgreSQL",
                        pg_url,
                        Path(tmp) / "pg",
                        args.quick,
                        args.rounds,
                        args.sides,
                        not args.no_lag,
                        args.drain,
                    )
                except RuntimeError as error:
                    print(f"skipping PostgreSQL: {error}")
            if args.only != "postgres":
                figures += run_backend(
                    "SQLite",
                    lambda: None,
                    Path(tmp) / "sqlite",
                    args.quick,
                    args.rounds,
                    args.sides,
                    not args.no_lag,
                    args.drain,
                )
        finally:
            for name in schemas:
                drop_schema(name)
    print_figures("Webhooks (real server processes, 2 workers; receivers in their own process)", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
