"""Local store benchmarks: capture commit latency, ranked search over 100,000 insights, core import time."""

from __future__ import annotations

import itertools
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, p50_p95, print_figures

WORDS = (
    "payment card transfer app login bankid iban loan mortgage fee statement pdf mobile online bank "
    "customer cannot find button slow crash error limit invoice reminder insurance claim policy renewal "
    "address change notification email sms password reset account overdraft interest rate savings "
    "maksu kortti siirto laina tili lasku vakuutus korvaus betalning kort överföring lån konto faktura "
    "pago tarjeta transferencia préstamo cuenta factura seguro reclamación"
).split()


def bench_capture(store_factory, n: int = 1000) -> list[Figure]:
    from desktop.domain import NewInsight

    store = store_factory()
    rng = random.Random(1)
    samples = []
    for i in range(n):
        new = NewInsight(
            text=" ".join(rng.choices(WORDS, k=30)),
            community="payments",
            impact="high",
            customer_ref=f"CASE-{i}",
            tags=["bench"],
        )
        started = time.perf_counter()
        store.capture(new)
        samples.append((time.perf_counter() - started) * 1000)
    store.close()
    p50, p95 = p50_p95(samples)
    return [
        Figure("capture commit (insight+outbox+FTS, FULL) p50", p50, "ms"),
        Figure("capture commit (insight+outbox+FTS, FULL) p95", p95, "ms", "target p95 <= 2 ms"),
    ]


def vocabulary(size: int = 20_000) -> tuple[list[str], list[float]]:
    """The domain words plus made-up ones, with Zipf frequencies as in real notes (a few words are everywhere,
    most are rare); a multilingual support team's notes have tens of thousands of distinct words."""
    rng = random.Random(4)
    letters = "abcdefghijklmnopqrstuvwxyzäöå"
    made_up = {"".join(rng.choices(letters, k=rng.randint(4, 10))) for _ in range(size)}
    words = WORDS + sorted(made_up - set(WORDS))[: size - len(WORDS)]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    return words, list(itertools.accumulate(weights))  # cumulative: random.choices is then O(log n) a word


def fill(store, n: int, words: list[str], weights: list[float]) -> None:
    """Insert n insights of ~30 words fast, through the same table and triggers the app uses."""
    from sqlalchemy import text

    rng = random.Random(2)
    stamp = "2026-01-01T00:00:00.000000+00:00"
    rows = [
        {
            "u": f"00000000-0000-4000-8000-{i:012d}",
            "t": " ".join(rng.choices(words, cum_weights=weights, k=30)),
            "s": stamp,
        }
        for i in range(n)
    ]
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO insight (uuid, text, community, impact, tags, author, created_at, updated_at)"
                " VALUES (:u, :t, 'payments', 'low', '[]', 'bench', :s, :s)"
            ),
            rows,
        )


def bench_search(store_factory, n: int = 100_000, queries: int = 300) -> list[Figure]:
    store = store_factory()
    words, weights = vocabulary()
    started = time.perf_counter()
    fill(store, n, words, weights)
    filled = time.perf_counter() - started
    rng = random.Random(3)
    # Queries drawn from the same distribution as the notes: what people search for is what they write.
    pairs = [" ".join(rng.choices(words, cum_weights=weights, k=2)) + " " for _ in range(queries)]
    store.search(pairs[0])  # warm the page cache once, as a running app would be
    samples, hits = [], []
    for query in pairs:
        t0 = time.perf_counter()
        found = store.search(query, limit=50)
        samples.append((time.perf_counter() - t0) * 1000)
        hits.append(len(found))
    store.close()
    p50, p95 = p50_p95(samples)
    return [
        Figure(f"fill {n:,} insights (30 words) incl. FTS", filled, "s"),
        Figure("search 2 words, ranked, top 50, p50", p50, "ms"),
        Figure("search 2 words, ranked, top 50, p95", p95, "ms", "target p95 <= 5 ms"),
        Figure("search results per query (mean of top-50)", statistics.mean(hits), "rows"),
    ]


def bench_import(runs: int = 15) -> list[Figure]:
    code = (
        "import time; t = time.perf_counter(); import desktop.cli, desktop.store, desktop.domain, "
        "desktop.export; print((time.perf_counter() - t) * 1000)"
    )
    repo = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], cwd=repo, check=True, capture_output=True)  # write .pyc files
    samples = [
        float(
            subprocess.run(
                [sys.executable, "-X", "frozen_modules=on", "-c", code],
                cwd=repo,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    baseline = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline.append((time.perf_counter() - t0) * 1000)
    cli_total = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desktop", "--version"], cwd=repo, check=True, capture_output=True)
        cli_total.append((time.perf_counter() - t0) * 1000)
    return [
        Figure("import core (domain+store+CLI, no Qt), median", statistics.median(samples), "ms", "target <= 120 ms"),
        Figure("python -c pass (interpreter start), median", statistics.median(baseline), "ms"),
        Figure("palaute --version wall time, median", statistics.median(cli_total), "ms"),
    ]


def main() -> None:
    from desktop.paths import AppPaths
    from desktop.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(100))
        factory = lambda: open_store(AppPaths.resolve(Path(tmp) / f"s{next(counter)}"))  # noqa: E731
        figures = bench_capture(factory) + bench_search(factory) + bench_import()
    print_figures("Local store", figures)


if __name__ == "__main__":
    main()
