"""How long a small write waits while the default (SQLite) server works on a maximum-size push.

200 insights of 20,000 characters full of personal data: masking them takes seconds. A sign-in and a
one-insight push by another rep are sent 1 s into it; their wait is the figure (target: a small part of the
big push's time, not all of it). Real server process on loopback.
`python -m bench.bench_write_stall`
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import requests

from bench.bench_server import LIMITS, make_users
from bench.figures import Figure, print_figures
from protocol.limits import MAX_BATCH_MUTATIONS
from tests.server.conftest import create_mutation
from tests.support.heavy_push import measure
from tests.support.server_process import FAST_HASHING, ServerProcess


def sign_in(url: str, name: str) -> dict[str, str]:
    answer = requests.post(url + "/api/v1/auth/login", json={"username": name, "password": "pw"}, timeout=300)
    answer.raise_for_status()
    return {"Authorization": "Bearer " + answer.json()["access_token"]}


def main() -> int:
    figures = []
    with tempfile.TemporaryDirectory(prefix="palaute-bench-") as tmp:
        folder = Path(tmp)
        make_users(f"sqlite:///{folder / 'palaute-server.sqlite3'}", 2)
        with ServerProcess.start(folder, env={**FAST_HASHING, **LIMITS}) as server:
            big = sign_in(server.url, "rep0")
            stall = measure(server.url, big, lambda: sign_in(server.url, "rep1"))
            figures.append(Figure("max-size push (200 × 20,000 chars), whole request", stall.big_seconds, "s"))
            figures.append(Figure("sign-in sent during it: wait", stall.small_wait, "s", "≪ the push (was ~all of it)"))
            small = sign_in(server.url, "rep1")

            def small_push() -> None:
                body = {"mutations": [create_mutation(1)]}
                requests.post(
                    server.url + "/api/v1/sync/push", json=body, headers=small, timeout=300
                ).raise_for_status()

            stall = measure(server.url, big, small_push, number_from=1 + MAX_BATCH_MUTATIONS)
            figures.append(Figure("one-insight push sent during it: wait", stall.small_wait, "s", "≪ the push"))
    print_figures("A small write during a max-size push (SQLite, real process)", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
