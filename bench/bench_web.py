"""Web page latency: inbox, search, insight page and summary over many insights, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
import re
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from bench import THROWAWAY_PASSWORD
from bench.figures import Figure, p50_p95, print_figures
from tests.server.web.rep_api import RepClient
from tests.support.server_process import ServerProcess

INSIGHTS = 10_000
BATCH = 200
SAMPLES = 40
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
COMMUNITIES = ("payments", "mobile-app", "onboarding", "cards", "online-banking")
AREAS = ("payments", "cards", "loans", "mobile-app", "online-bank", "onboarding", "insurance", "other", None)
WORDS = "card transfer login limit app fee branch loan iban export statement biometric".split()
TARGET = "p95 ≤ 200 ms (own target)"


def _drafts(rng: random.Random) -> list[dict]:
    start = datetime.now(UTC) - timedelta(days=120)
    return [
        {
            "id": str(uuid.uuid4()),
            "community": rng.choice(COMMUNITIES),
            "product_area": rng.choice(AREAS),
            "impact": rng.choice(("low", "medium", "high", "blocker")),
            "text": " ".join(rng.choices(WORDS, k=25)) + f" number {n}",
            "created_at": (start + timedelta(minutes=n * 17)).isoformat(),
        }
        for n in range(INSIGHTS)
    ]


def _signed_in(base_url: str) -> requests.Session:
    http = requests.Session()
    form = http.get(f"{base_url}/web/signin", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    answer = http.post(
        f"{base_url}/web/signin",
        timeout=10,
        data={"username": "bench.product", "password": THROWAWAY_PASSWORD, "csrf_token": token},
    )
    assert answer.url.endswith("/web/inbox"), answer.url
    return http


def _timed(http: requests.Session, url: str) -> list[float]:
    samples = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        answer = http.get(url, timeout=30)
        samples.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, (url, answer.status_code)
    return samples


def measure(label: str, data_dir: Path, database_url: str | None) -> list[Figure]:
    env = {"PALAUTE_SERVER_LOGIN_PER_MINUTE": "100000", "PALAUTE_SERVER_PUSH_PER_MINUTE": "100000"}
    with ServerProcess.start(data_dir, database_url=database_url, env=env) as server:
        server.add_user("bench.product", "product", THROWAWAY_PASSWORD, communities=list(COMMUNITIES[:3]))
        server.add_user("bench.rep", "rep", THROWAWAY_PASSWORD)
        rep, drafts = RepClient(server.url, "bench.rep", THROWAWAY_PASSWORD), _drafts(random.Random(7))
        for start in range(0, len(drafts), BATCH):
            rep.push_drafts(drafts[start : start + BATCH])
        http = _signed_in(server.url)
        some_id = next(d["id"] for d in drafts if d["community"] == "payments")
        pages = {
            "inbox, no filter": "/web/inbox",
            "inbox, two-word search": "/web/inbox?q=iban+export",
            "inbox, community + impact, page 3": "/web/inbox?community=payments&impact=high&page=3",
            "insight page": f"/web/insights/{some_id}",
            "summary, 90 days": "/web/summary?days=90",
        }
        figures = []
        for name, path in pages.items():
            p50, p95 = p50_p95(_timed(http, server.url + path))
            figures += [Figure(f"{label}: {name} p50", p50, "ms"), Figure(f"{label}: {name} p95", p95, "ms", TARGET)]
        return figures


def _pg_schema() -> str | None:
    try:
        engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        schema = "bench_web_" + uuid.uuid4().hex[:8]
        with engine.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        engine.dispose()
        return schema
    except Exception:
        return None


def _drop(schema: str) -> None:
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        figures = measure(f"SQLite, {INSIGHTS:,} insights", Path(folder) / "sqlite", None)
        schema = _pg_schema()
        if schema is not None:
            try:
                url = f"{PG_URL}?options=-csearch_path%3D{schema}"
                figures += measure(f"PostgreSQL, {INSIGHTS:,} insights", Path(folder) / "pg", url)
            finally:
                _drop(schema)
    print_figures("Web page latency (product member with 3 of 5 communities)", figures)


if __name__ == "__main__":
    main()
