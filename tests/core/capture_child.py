"""Child process for the crash test: capture insights in a loop, reporting each one only after it is saved."""

from __future__ import annotations

import sys

from desktop.domain import NewInsight
from desktop.paths import AppPaths
from desktop.store import open_store


def main(run: str) -> None:
    store = open_store(AppPaths.resolve())
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        text = f"crash-run {run} capture {n} " + "näin 🙂 " * (n % 7)
        store.capture(NewInsight(text=text, community="payments", customer_ref=f"{run}-{n}"))
        # Reported only after capture() returned, i.e. after COMMIT: what the user would have seen as saved.
        print(f"ok {run}-{n}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
