"""Child process for the kill test: capture a few insights, then sync in a loop until killed."""

from __future__ import annotations

import sys

from desktop.domain import NewInsight
from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.sync.account import resume
from desktop.sync.credentials import Vault
from desktop.sync.engine import Puller, Pusher
from desktop.sync.errors import SyncError


def main(run: str) -> None:
    store = open_store(AppPaths.resolve())
    for n in range(8):
        insight = store.capture(NewInsight(text=f"kill-test run {run} insight {n}", community="payments"))
        print(f"captured {insight.id}", flush=True)
    client = resume(store, Vault())
    if client is None:
        sys.exit("not signed in")
    print("syncing", flush=True)
    while True:
        try:
            Pusher(store.sync, batch_size=4).push_all(client)
            Puller(store.sync).pull_all(client)
        except SyncError as error:
            print(f"sync error {error.user_message}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
