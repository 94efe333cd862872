"""Webhook benchmarks: pushes are not slowed by webhooks to a slow receiver; delivery lag to a fast one.

- push throughput (8 clients, batches of 100, 10,000 insights = 10,000 `insight.created` events) on a server
  without webhooks, then on one with a subscription whose receiver takes 50 ms per message (alternated twice,
  the median of each kept: the machine is shared, so one run of each would mostly measure the neighbours);
- how long the slow receiver's backlog took to drain after the pushes;
- delivery lag (the event's commit timestamp → the receiver has it) to a fast receiver, at a steady push rate
  and for a burst of 10,000.

Real server processes on loopback (2 workers), receivers in a process of their own.
`python -m bench.bench_webhooks [--quick] [--only sqlite|postgres]`
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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bench.bench_server import LIMITS, PG_URL, Client, batch, drop_schema, make_users, pg_schema
from bench.figures import Figure, p50_p95, print_figures
from tests.support.server_process import FAST_HASHING, ServerProcess

CLIENTS = 8


def _receive(port_out, delay: float, results, stop) -> None:
    """A receiver process: answers 204 after `delay`; reports (event timestamp, arrival) pairs when stopped."""
    arrivals: list[tuple[float, float]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real receivers do

        def log_message(self, *args) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            arrived = time.time()
            if delay:
                time.sleep(delay)
            stamp = datetime.fromisoformat(json.loads(body)["timestamp"].replace("Z", "+00:00")).timestamp()
            arrivals.append((stamp, arrived))
            self.send_response(204)
            self.send_header("content-length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_out.put(server.server_address[1])
    import threading

    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop.wait()
    server.shutdown()
    results.put(arrivals)


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

    def arrivals(self) -> list[tuple[float, float]]:
        self._stop.set()
        found = self._results.get(timeout=60)
        self._process.join(10)
        return found


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


def one_run(folder: Path, url: str | None, events: int, receiver: Receiver | None) -> tuple[float, float | None]:
    """(push throughput, seconds until the receiver had every event, from the end of the pushes)."""
    with serve(folder, url, {}) as server:
        if receiver is not None:
            server.cli("webhook", "add", receiver.url, "--events", "insight.created")
        clients = [Client(server.url, f"rep{n}") for n in range(CLIENTS)]
        rate = push_all(clients, events // (CLIENTS * 100))
        if receiver is None:
            return rate, None
        ended, drained = time.monotonic(), None
        while time.monotonic() - ended < 600:
            if waiting(server) >= events:
                drained = time.monotonic() - ended
                break
            time.sleep(0.5)
        return rate, drained


def lag(folder: Path, url: str | None, events: int, rate: float | None) -> tuple[list[float], float]:
    """Lags (ms) to a fast receiver, and the receiver's arrival rate (events/s). `rate`: pushes of one insight
    each, at that many per second (reps capturing one at a time); None: batches of 100 as fast as possible."""
    receiver = Receiver(0.0)
    with serve(folder, url, {}) as server:
        server.cli("webhook", "add", receiver.url, "--events", "insight.created")
        clients = [OneByOne(server.url, f"rep{n}") for n in range(CLIENTS)]
        if rate:
            started = time.perf_counter()
            for n in range(events):
                clients[n % CLIENTS].push_one()
                time.sleep(max(0.0, started + (n + 1) / rate - time.perf_counter()))
        else:
            push_all(clients, events // (CLIENTS * 100))
        deadline = time.monotonic() + 300
        while waiting(server) < events and time.monotonic() < deadline:
            time.sleep(0.2)
    arrivals = receiver.arrivals()
    spread = max(a for _, a in arrivals) - min(a for _, a in arrivals)
    return [(arrived - stamp) * 1000 for stamp, arrived in arrivals], len(arrivals) / max(spread, 1e-3)


def run_backend(label: str, url_for, folder: Path, quick: bool) -> list[Figure]:
    events = 2_400 if quick else 10_000
    plain, hooked, drains = [], [], []
    for round_ in range(2):
        plain.append(one_run(folder / f"plain{round_}", url_for(), events, None)[0])
        slow = Receiver(0.05)
        rate, drained = one_run(folder / f"hooked{round_}", url_for(), events, slow)
        slow.arrivals()
        hooked.append(rate)
        drains.append(drained if drained is not None else float("nan"))
    base, with_hooks = statistics.median(plain), statistics.median(hooked)
    figures = [
        Figure(
            f"{label}: push, no webhooks ({events:,} insights)",
            base,
            "insights/s",
            f"runs {plain[0]:.0f}, {plain[1]:.0f}",
        ),
        Figure(
            f"{label}: push, webhook to a 50 ms receiver",
            with_hooks,
            "insights/s",
            f"runs {hooked[0]:.0f}, {hooked[1]:.0f}; within 10 %: {'yes' if with_hooks >= 0.9 * base else 'NO'}",
        ),
        Figure(f"{label}: push with webhooks / without", with_hooks / base * 100, "%", "≥ 90 %"),
        Figure(
            f"{label}: 50 ms receiver's backlog drained after", statistics.median(drains), "s", f"{events:,} events"
        ),
    ]
    rate = 50.0
    steady, _ = lag(folder / "lag-steady", url_for(), 500 if quick else 1_500, rate)
    p50, p95 = p50_p95(steady)
    figures.append(Figure(f"{label}: delivery lag, {rate:.0f} pushes/s of 1, p50", p50, "ms"))
    figures.append(Figure(f"{label}: delivery lag, {rate:.0f} pushes/s of 1, p95", p95, "ms", "≤ 2000 ms"))
    burst, throughput = lag(folder / "lag-burst", url_for(), events, None)
    p50, p95 = p50_p95(burst)
    figures.append(Figure(f"{label}: delivery rate to a fast receiver (burst)", throughput, "events/s", "2 workers"))
    figures.append(Figure(f"{label}: delivery lag, burst of {events:,}, p95", p95, "ms", "(backlog; not the target)"))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="2,400 events instead of 10,000")
    parser.add_argument("--only", choices=["sqlite", "postgres"])
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
                    figures += run_backend("PostgreSQL", pg_url, Path(tmp) / "pg", args.quick)
                except RuntimeError as error:
                    print(f"skipping PostgreSQL: {error}")
            if args.only != "postgres":
                figures += run_backend("SQLite", lambda: None, Path(tmp) / "sqlite", args.quick)
        finally:
            for name in schemas:
                drop_schema(name)
    print_figures("Webhooks (real server processes, 2 workers; receivers in their own process)", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
