"""Analytics latency: GET /api/v1/analytics?weeks=52 over 100,000 insights on PostgreSQL (real server process).

The rows are written straight into the database (a year of insights, replies' facts, shipped ones with their
feed position, "same here"s), then the server answers as a product member and as an admin.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import create_engine, insert, select, text

from bench import THROWAWAY_PASSWORD
from bench.bench_server import PG_URL, drop_schema, pg_schema
from bench.figures import Figure, p50_p95, print_figures
from server.models import Community, Insight, ProductArea, SameHere, User
from server.security import hash_password
from tests.support.server_process import ServerProcess

INSIGHTS = 100_000
SAME_HERES = 30_000
REPS = 300
SAMPLES = 40
TARGET = "p95 ≤ 300 ms"


def seed(url: str, insights: int, rng: random.Random) -> None:
    engine = create_engine(url)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        communities = list(conn.scalars(select(Community.id)))
        areas = [*conn.scalars(select(ProductArea.id)), None]
        secret = hash_password("not used")
        conn.execute(
            insert(User),
            [
                {"name": f"rep{n}", "role": "rep", "password_hash": secret, "acked_seq": rng.randint(0, insights)}
                for n in range(REPS)
            ],
        )
        reps = list(conn.scalars(select(User.id).where(User.role == "rep")))
    rows, ids = [], []
    for n in range(insights):
        created = now - timedelta(days=365 * rng.random())
        replied = created + timedelta(hours=rng.expovariate(1 / 60)) if rng.random() < 0.6 else None
        shipped = rng.random() < 0.1
        insight_id = str(uuid.uuid4())
        ids.append(insight_id)
        rows.append(
            dict(
                id=insight_id,
                author_id=rng.choice(reps),
                community_id=rng.choice(communities),
                product_area_id=rng.choice(areas),
                text=f"Bench insight {n} about cards and transfers",
                customer_ref=f"CUST-{rng.randint(1, 40_000)}" if rng.random() < 0.7 else None,
                impact="medium",
                tags=[],
                status="shipped" if shipped else rng.choice(("new", "acknowledged", "planned")),
                version=1,
                withdrawn=rng.random() < 0.02,
                pii_kept=[],
                pii_flagged=False,
                created_at=created,
                updated_at=created,
                customers=rng.randint(1, 5),
                reps=1,
                status_changed_at=min(now, created + timedelta(days=rng.randint(1, 60))) if shipped else None,
                first_reply_at=replied if replied and replied < now else None,
                last_reply_side="product" if replied else None,
                shipped_seq=rng.randint(1, insights) if shipped else None,
            )
        )
    same = [
        dict(
            id=str(uuid.uuid4()),
            insight_id=(target := rng.choice(ids)),
            said_on=target,
            user_id=rng.choice(reps),
            customer_ref=f"CUST-{rng.randint(1, 40_000)}",
            impact="medium",
            pii_flagged=False,
            created_at=now - timedelta(days=365 * rng.random()),
        )
        for _ in range(SAME_HERES)
    ]
    with engine.begin() as conn:
        for start in range(0, len(rows), 5_000):
            conn.execute(insert(Insight), rows[start : start + 5_000])
        for start in range(0, len(same), 5_000):
            conn.execute(insert(SameHere), same[start : start + 5_000])
    with engine.begin() as conn:  # written around the feed: as if they predated the roll-up (first use)
        conn.execute(text("UPDATE analytics_state SET rolled_seq = NULL"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))  # what autovacuum does to a table that grew this much
    engine.dispose()


def signed_in(base_url: str, name: str) -> requests.Session:
    http = requests.Session()
    answer = http.post(
        f"{base_url}/api/v1/auth/login",
        json={"username": name, "password": THROWAWAY_PASSWORD, "device_name": "bench"},
        timeout=30,
    )
    answer.raise_for_status()
    http.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return http


def timed(base_url: str, name: str, path: str, samples: int = SAMPLES, warm: int = 3) -> list[float]:
    http = signed_in(base_url, name)
    found = []
    for n in range(samples + warm):
        started = time.perf_counter()
        answer = http.get(base_url + path, timeout=120)
        elapsed = (time.perf_counter() - started) * 1000
        assert answer.status_code == 200, answer.text[:200]
        if n >= warm:  # the first answers warm the connection pool and the plan cache
            found.append(elapsed)
    return found


def after_changes(base_url: str, name: str, rounds: int = 20) -> tuple[list[float], list[float], int]:
    """Each round: a status change, at once a request (timed), then requests until the answer no longer says
    "recounting". Returns the requests' times, the times from the change's commit until the figures
    included it (ms), and how many of the timed answers said "recounting"."""
    http = signed_in(base_url, name)
    listed = http.get(f"{base_url}/api/v1/insights", params={"limit": rounds}, timeout=60).json()["insights"]
    samples, settled, recounting = [], [], 0
    for n, insight in enumerate(listed):
        choices = [s for s in ("acknowledged", "planned", "shipped") if s != insight["status"]]
        status = choices[n % 2]  # never the status it has: every round is a change (runs list the same insights)
        http.post(
            f"{base_url}/api/v1/insights/{insight['id']}/status", json={"status": status}, timeout=60
        ).raise_for_status()
        committed = started = time.perf_counter()
        answer = http.get(f"{base_url}/api/v1/analytics?weeks=52", timeout=120)
        samples.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
        recounting += answer.json()["recounting"]
        while answer.json()["recounting"]:
            time.sleep(0.05)
            answer = http.get(f"{base_url}/api/v1/analytics?weeks=1", timeout=120)
        settled.append((time.perf_counter() - committed) * 1000)
    return samples, settled, recounting


def load() -> str:
    return "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())


def one_run(url: str, insights: int, run: int) -> list[Figure]:
    figures = []
    for who, label in (("ana.product", "product member, 3 of 5 communities"), ("ada.admin", "admin, all")):
        p50, p95 = p50_p95(timed(url, who, "/api/v1/analytics?weeks=52"))
        name = f"run {run}: weeks=52, {insights:,} insights, {label}"
        figures.append(Figure(f"{name}: p50", p50, "ms"))
        figures.append(Figure(f"{name}: p95", p95, "ms", f"{TARGET} ({load()})"))
    for who, label in (("ana.product", "product member"), ("ada.admin", "admin")):
        samples, settled, recounting = after_changes(url, who)
        p50, p95 = p50_p95(samples)
        name = f"run {run}: right after a status change, {label}"
        figures.append(Figure(f"{name}: p50", p50, "ms"))
        figures.append(Figure(f"{name}: p95", p95, "ms", f"{TARGET} ({recounting} of {len(samples)} recounting)"))
        s50, s95 = p50_p95(settled)
        figures.append(Figure(f"{name}: change counted after, p50", s50, "ms"))
        figures.append(Figure(f"{name}: change counted after, p95", s95, "ms", f"stale ≤ a few s ({load()})"))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--insights", type=int, default=INSIGHTS)
    parser.add_argument("--runs", type=int, default=3, help="measurements of the same data, one after another")
    args = parser.parse_args(argv)
    schema = pg_schema()
    if schema is None:
        return 0
    figures = []
    try:
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
        with tempfile.TemporaryDirectory(prefix="palaute-bench-") as tmp:
            env = {"PALAUTE_SERVER_LOGIN_PER_MINUTE": "100000", "PALAUTE_SERVER_API_PER_MINUTE": "100000"}
            with ServerProcess.start(Path(tmp) / "pg", database_url=url, env=env) as server:
                server.add_user(
                    "ana.product", "product", THROWAWAY_PASSWORD, communities=["payments", "mobile-app", "cards"]
                )
                server.add_user("ada.admin", "admin", THROWAWAY_PASSWORD)
                started = time.monotonic()
                seed(url, args.insights, random.Random(16))
                print(f"seeded {args.insights:,} insights in {time.monotonic() - started:.0f} s", file=sys.stderr)
                first = timed(server.url, "ada.admin", "/api/v1/analytics?weeks=52", samples=1, warm=0)[0]
                figures.append(Figure("first request after the upgrade (builds the roll-up)", first, "ms"))
                for run in range(1, args.runs + 1):
                    figures += one_run(server.url, args.insights, run)
                    print(f"run {run} done ({load()})", file=sys.stderr)
    finally:
        drop_schema(schema)
    print_figures(f"Analytics on PostgreSQL (real server process on loopback; {load()} at the end)", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
