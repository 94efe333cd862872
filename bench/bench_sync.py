"""Desktop sync benchmarks against the real server on loopback (SQLite): drain, reply → notice, idle cost."""

from __future__ import annotations

import os
import resource
import tempfile
import threading
import time
from pathlib import Path

import keyring
import requests

from bench.figures import Figure, p50_p95, print_figures
from desktop.domain import NewInsight
from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.sync.account import build_service, resume, sign_in
from desktop.sync.credentials import Vault
from desktop.sync.engine import Pusher
from desktop.sync.status import Callbacks
from tests.support.fault_proxy import FaultProxy
from tests.support.keyrings import MemoryKeyring
from tests.support.server_process import ServerProcess

LIMITS = {
    "PALAUTE_SERVER_PUSH_PER_MINUTE": "100000",
    "PALAUTE_SERVER_PULL_PER_MINUTE": "100000",
    "PALAUTE_SERVER_API_PER_MINUTE": "100000",
}
REP, PRODUCT = ("rita", "rita-password-1"), ("pam", "pam-password-1")
# Each measurement signs in as its own rep: an "idle" client must not start by pulling the drain's 10,000.
DRAIN_REP, NOTICE_REP, IDLE_REP = ("rita", REP[1]), ("rami", REP[1]), ("riia", REP[1])


def start(root: Path) -> ServerProcess:
    server = ServerProcess.start(root / "server", env=LIMITS)
    for name, _ in (DRAIN_REP, NOTICE_REP, IDLE_REP):
        server.add_user(name, "rep", REP[1], communities=["payments"])
    server.add_user(PRODUCT[0], "product", PRODUCT[1], communities=["payments"])
    return server


def bench_drain(root: Path, url: str, n: int = 10_000) -> list[Figure]:
    store = open_store(AppPaths.resolve(root / "drain"))
    sign_in(store, Vault(), url, *DRAIN_REP)
    for i in range(n):
        store.capture(
            NewInsight(
                text=f"Backlog insight {i}: customer asks for a payment plan overview",
                community="payments",
                customer_ref=f"CASE-{i}",
            )
        )
    client = resume(store, Vault())
    client.me()  # sign-in refresh outside the measurement
    started = time.perf_counter()
    report = Pusher(store.sync).push_all(client)
    elapsed = time.perf_counter() - started
    assert report.sent == n and store.sync.outbox_size() == 0, report
    store.close()
    return [
        Figure(f"drain {n:,} queued insights (batches of 200)", elapsed, "s", "target <= 3 s"),
        Figure("drain throughput", n / elapsed, "ins/s"),
    ]


def bench_reply_to_notice(root: Path, url: str, trials: int = 30) -> list[Figure]:
    store = open_store(AppPaths.resolve(root / "notice"))
    sign_in(store, Vault(), url, *NOTICE_REP)
    insight = store.capture(NewInsight(text="Waiting for answers", community="payments"))
    arrived = threading.Event()
    seen: list[float] = []

    def on_notices(notices):  # type: ignore[no-untyped-def]
        seen.append(time.perf_counter())
        store.sync.mark_shown(notices)
        arrived.set()

    service = build_service(store, Vault(), Callbacks(notices=on_notices))
    service.start()
    product = requests.Session()
    token = product.post(
        f"{url}/api/v1/auth/login", json=dict(zip(("username", "password"), PRODUCT, strict=True)), timeout=10
    ).json()["access_token"]
    product.headers["Authorization"] = f"Bearer {token}"
    deadline = time.monotonic() + 30
    while store.get_insight(insight.id).server_version is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # let the pull loop settle into its long-poll
    samples = []
    for i in range(trials):
        arrived.clear()
        product.post(
            f"{url}/api/v1/insights/{insight.id}/replies", json={"body": f"answer {i}"}, timeout=10
        ).raise_for_status()
        saved = time.perf_counter()
        if not arrived.wait(10):
            raise RuntimeError("no notice within 10 s")
        samples.append((seen[-1] - saved) * 1000)
        time.sleep(0.2)
    service.stop()
    store.close()
    p50, p95 = p50_p95(samples)
    return [
        Figure("product reply saved -> notice emitted, p50", p50, "ms"),
        Figure("product reply saved -> notice emitted, p95", p95, "ms", "target p95 <= 1000 ms"),
    ]


def bench_idle(root: Path, url: str, seconds: float = 60.0) -> list[Figure]:
    proxy = FaultProxy(url)  # with no faults it only counts requests
    store = open_store(AppPaths.resolve(root / "idle"))
    sign_in(store, Vault(), proxy.url, *IDLE_REP)
    service = build_service(store, Vault(), Callbacks())
    service.start()
    time.sleep(3)  # first pull and sign-in refresh are not idle cost
    requests_before = sum(proxy.counts.values())
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    time.sleep(seconds)
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    made = sum(proxy.counts.values()) - requests_before
    service.stop()
    proxy.close()
    store.close()
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    scale = 3600 / seconds
    return [
        Figure(f"idle CPU time per hour (measured over {seconds:.0f} s)", cpu * scale, "s/h"),
        Figure("idle requests per hour (long-poll 25 s)", made * scale, "req/h"),
    ]


def main() -> None:
    keyring.set_keyring(MemoryKeyring())
    os.environ.setdefault("PALAUTE_BENCH", "1")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server = start(root)
        try:
            figures = bench_drain(root, server.url) + bench_reply_to_notice(root, server.url)
            figures += bench_idle(root, server.url)
        finally:
            server.stop()
    print_figures("Desktop sync", figures)


if __name__ == "__main__":
    main()
