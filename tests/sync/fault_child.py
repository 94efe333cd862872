"""One life of a desktop in the fault run: capture a few insights, then sync until drained (or killed).

Prints `captured ID` once each capture is committed, `syncing` before the first request, `signed out` (and exits 3) if the sign-in was lost, and
`drained` (exit 0) when everything is sent. The parent kills it with SIGKILL whenever it likes.
"""

from __future__ import annotations

import random
import sys
import time

from desktop.domain import NewInsight
from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.sync.account import resume
from desktop.sync.credentials import Vault
from desktop.sync.engine import Puller, Pusher
from desktop.sync.errors import SignInRequired, SyncError


def main(label: str, count: int, seed: int) -> int:
    rng = random.Random(seed)
    store = open_store(AppPaths.resolve())
    for n in range(count):
        insight = store.capture(NewInsight(text=f"fault run {label} insight {n}", community="payments"))
        print(f"captured {insight.id}", flush=True)
    client = resume(store, Vault())
    if client is None:
        print("signed out", flush=True)
        return 3
    print("syncing", flush=True)
    while True:
        try:
            Pusher(store.sync, batch_size=rng.choice([2, 7, 50])).push_all(client)
            Puller(store.sync, page_size=rng.choice([5, 100])).pull_all(client)
        except SignInRequired as error:
            print(f"signed out {error.user_message}", flush=True)
            return 3
        except SyncError as error:
            print(f"sync error {type(error).__name__}", flush=True)
            time.sleep(0.2)
            continue
        if store.sync.outbox_size() == 0:
            print("drained", flush=True)
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
