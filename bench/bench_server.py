"""Server benchmarks: push throughput (batches of 100; 1 and 8 clients), pull latency, reply → long-poll.

Runs the real server as a subprocess on loopback, on SQLite and on PostgreSQL (if reachable).
`python -m bench.bench_server [--quick] [--workers N]`
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from bench.figures import Figure, p50_p95, print_figures
from server import security
from server.db import Database
from server.migrate import upgrade
from server.services import accounts
from tests.support.server_process import FAST_HASHING, ServerProcess

PG_URL = os.environ.get("PALAUTE_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
LIMITS = {
    "PALAUTE_SERVER_PUSH_PER_MINUTE": "1000000",
    "PALAUTE_SERVER_PULL_PER_MINUTE": "1000000",
    "PALAUTE_SERVER_API_PER_MINUTE": "1000000",
    "PALAUTE_SERVER_LOG_LEVEL": "WARNING",
}
BATCH = 100


def batch(number_from: int) -> dict:
    now = datetime.now(UTC).isoformat()
    return {
        "mutations": [
            {
                "type": "create",
                "number": number_from + i,
                "id": str(uuid.uuid4()),
                "insight": {
                    "id": str(uuid.uuid4()),
                    "text": f"Customer could not pay a bill abroad, case {i}. " * 4,
                    "community": "payments",
                    "product_area": "cards",
                    "impact": "high",
                    "tags": ["bench"],
                    "created_at": now,
                },
            }
            for i in range(BATCH)
        ]
    }


class Client:
    def __init__(self, url: str, name: str) -> None:
        self.url, self.http, self.number = url, requests.Session(), 0
        answer = self.http.post(url + "/api/v1/auth/login", json={"username": name, "password": "pw"}, timeout=30)
        answer.raise_for_status()
        self.http.headers["Authorization"] = "Bearer " + answer.json()["access_token"]

    def push_batch(self) -> None:
        answer = self.http.post(self.url + "/api/v1/sync/push", json=batch(self.number + 1), timeout=60)
        answer.raise_for_status()
        self.number += BATCH

    def pull(self, cursor: str = "", wait: float = 0) -> dict:
        answer = self.http.get(
            self.url + "/api/v1/sync/changes", params={"cursor": cursor, "wait": wait, "limit": 1000}, timeout=60
        )
        answer.raise_for_status()
        return answer.json()

    def catch_up(self) -> str:
        cursor, more = "", True
        while more:
            page = self.pull(cursor)
            cursor, more = page["cursor"], page["has_more"]
        return cursor


def make_users(url: str, reps: int) -> None:
    security.configure(1, 1024)
    db = Database(url)
    upgrade(db)
    with db.write() as session:
        for n in range(reps):
            accounts.create_user(session, f"rep{n}", "rep", "pw")
        accounts.create_user(session, "paula", "product", "pw", communities=["payments"])
    db.dispose()


def throughput(clients: list[Client], batches_each: int) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(len(clients)) as pool:
        list(pool.map(lambda c: [c.push_batch() for _ in range(batches_each)], clients))
    return len(clients) * batches_each * BATCH / (time.perf_counter() - started)


def pull_latency(client: Client, rounds: int) -> list[float]:
    cursor = client.catch_up()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.pull(cursor)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def reply_to_long_poll(rep: Client, product: Client, rounds: int) -> list[float]:
    """ms from the start of the product member's reply request to the rep's waiting long-poll returning."""
    page = rep.http.get(rep.url + "/api/v1/insights", params={"limit": 1}, timeout=30).json()
    insight_id = page["insights"][0]["id"]
    samples = []
    for _ in range(rounds):
        cursor = rep.catch_up()
        done: dict[str, float] = {}

        def wait() -> None:
            rep.pull(cursor, wait=20)
            done["at"] = time.perf_counter()

        poller = threading.Thread(target=wait)
        poller.start()
        time.sleep(0.15)  # let the long-poll settle into waiting
        started = time.perf_counter()
        product.http.post(
            product.url + f"/api/v1/insights/{insight_id}/replies", json={"body": "on it"}, timeout=30
        ).raise_for_status()
        poller.join(30)
        samples.append((done["at"] - started) * 1000)
    return samples


def run_backend(label: str, url: str | None, folder: Path, workers: int, quick: bool) -> list[Figure]:
    folder.mkdir(parents=True, exist_ok=True)
    make_users(url or f"sqlite:///{folder / 'palaute-server.sqlite3'}", 8)
    env = {**FAST_HASHING, **LIMITS}
    figures = []
    with ServerProcess.start(folder, database_url=url, workers=workers, env=env) as server:
        clients = [Client(server.url, f"rep{n}") for n in range(8)]
        for client in clients:
            client.push_batch()  # warm-up: connections, caches
        single = throughput(clients[:1], 10 if quick else 30)
        load = os.getloadavg()[0]
        eight = throughput(clients, 3 if quick else 8)
        target = "PG ≥ 3000; today 2,421 (8 clients)" if label == "PostgreSQL" else ""
        figures.append(Figure(f"{label}: push, 1 client, batches of {BATCH}", single, "insights/s", target))
        figures.append(Figure(f"{label}: push, 8 clients, batches of {BATCH}", eight, "insights/s", target))
        figures.append(Figure(f"{label}: machine load average (1 min) at the push", load, "", "2 cores, shared"))
        p50, p95 = p50_p95(pull_latency(clients[0], 50 if quick else 200))
        figures.append(Figure(f"{label}: pull, up-to-date client, p50", p50, "ms"))
        figures.append(Figure(f"{label}: pull, up-to-date client, p95", p95, "ms"))
        product = Client(server.url, "paula")
        p50, p95 = p50_p95(reply_to_long_poll(clients[0], product, 10 if quick else 30))
        figures.append(Figure(f"{label}: reply saved → long-poll returns, p50", p50, "ms"))
        figures.append(Figure(f"{label}: reply saved → long-poll returns, p95", p95, "ms", "≤ 200 ms"))
    return figures


def pg_schema() -> str | None:
    try:
        engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        name = "bench_" + uuid.uuid4().hex[:8]
        with engine.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {name}"))
        engine.dispose()
        return name
    except Exception as error:
        print(f"PostgreSQL not reachable ({type(error).__name__}); skipping it", file=sys.stderr)
        return None


def drop_schema(name: str) -> None:
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args(argv)
    figures = []
    with tempfile.TemporaryDirectory(prefix="palaute-bench-") as tmp:
        if args.only != "postgres":
            figures += run_backend("SQLite", None, Path(tmp) / "sqlite", args.workers, args.quick)
        schema = None if args.only == "sqlite" else pg_schema()
        if schema:
            try:
                url = f"{PG_URL}?options=-csearch_path%3D{schema}"
                figures += run_backend("PostgreSQL", url, Path(tmp) / "pg", args.workers, args.quick)
            finally:
                drop_schema(schema)
    print_figures(f"Server (real process on loopback, {args.workers} workers)", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
