"""`palaute --demo` end to end: the real app process, its demo server, a capture, a reply, a notification."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]


def _wait(predicate, timeout: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_demo_mode_completes_the_loop(tmp_path):
    ready = tmp_path / "ready"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PALAUTE_READY_FILE": str(ready)}
    env.pop("PALAUTE_DATA_DIR", None)
    app = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--demo"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    banner = ""
    try:
        for line in app.stdout:
            banner += line
            if "thrown away when the app quits" in line:
                break
        url = re.search(r"web page: (http://127\.0\.0\.1:\d+)/", banner).group(1)
        password = re.search(r"demo-product / (\S+)", banner).group(1)
        root = Path(re.search(r"quits \((.+)\)\.", banner).group(1))
        _wait(ready.exists, 60, "the app to be ready")
        db = root / "app" / "palaute.db"
        capture = subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop",
                "--data-dir",
                str(root / "app"),
                "capture",
                "Demo loop: customers want instant transfers",
                "-c",
                "payments",
                "--json",
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert capture.returncode == 0, capture.stderr
        product = requests.Session()
        token = product.post(
            f"{url}/api/v1/auth/login", json={"username": "demo-product", "password": password}, timeout=10
        ).json()["access_token"]
        product.headers["Authorization"] = f"Bearer {token}"

        def captured() -> list:
            listed = product.get(f"{url}/api/v1/insights", timeout=10).json()["insights"]
            return [i for i in listed if i["text"] == "Demo loop: customers want instant transfers"]

        insight = _wait(captured, 30, "the capture to reach the demo server")[0]
        # The colleague's insights came to the app as community insights, and are offered while typing.
        similar = subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop",
                "--data-dir",
                str(root / "app"),
                "similar",
                "my customer wants to split a card payment between two accounts",
                "--json",
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert similar.returncode == 0, similar.stderr
        hints = json.loads(similar.stdout)
        assert hints and hints[0]["author"] == "demo-colleague" and "split a card payment" in hints[0]["text"]
        product.post(
            f"{url}/api/v1/insights/{insight['id']}/replies", json={"body": "Coming in spring"}, timeout=10
        ).raise_for_status()

        def shown() -> list:
            with sqlite3.connect(db) as conn:
                return conn.execute("SELECT body FROM notice WHERE shown_at IS NOT NULL").fetchall()

        assert _wait(shown, 30, "the reply's notification") == [("Coming in spring",)]
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(30)
        finally:
            app.stdout.close()
    assert app.returncode == 0
    assert not root.exists()  # everything of the demo is thrown away
