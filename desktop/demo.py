"""Demo mode: a throw-away local server with two reps of one community and a product member, so the whole loop
works at once: the colleague's insights are there to be hinted while typing, answered and shipped."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.paths import AppPaths

if TYPE_CHECKING:
    from desktop.store import Store
    from desktop.sync.credentials import Vault

log = logging.getLogger(__name__)
READY = "Palaute server listening on "
REP_NAME, PRODUCT_NAME, COLLEAGUE_NAME = "demo-rep", "demo-product", "demo-colleague"
DEMO_COMMUNITIES = ("payments", "mobile-app", "onboarding", "cards", "online-banking")
# What the colleague (same communities) already reported: the first is answered, the second shipped.
COLLEAGUE_INSIGHTS = (
    ("payments", "high", "Customer cannot split a card payment over two accounts in the mobile app"),
    ("mobile-app", "medium", "Face ID login fails after the latest iOS update, customer has to type the PIN"),
    ("payments", "medium", "Customers want to schedule recurring transfers on the last day of the month"),
    ("cards", "low", "Virtual card number is not shown after ordering a replacement card"),
)


@dataclass
class Demo:
    """A running demo: the server process, its address, the two accounts and the folders to remove."""

    url: str
    rep_password: str
    product_password: str
    paths: AppPaths
    process: subprocess.Popen[str]
    root: Path
    reader: threading.Thread

    def banner(self) -> str:
        return (
            "Palaute demo is running.\n"
            f"  Product team's web page: {self.url}/\n"
            f"  Sign in there as:        {PRODUCT_NAME} / {self.product_password}\n"
            f"  The app is signed in as: {REP_NAME} (a colleague, {COLLEAGUE_NAME}, shares the communities)\n"
            "  Capture an insight with the hotkey, answer it on the web page, and watch the tray.\n"
            f"  Everything is thrown away when the app quits ({self.root})."
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.reader.join(5)  # it closes the server's output pipe at end of file
        shutil.rmtree(self.root, ignore_errors=True)


def start_demo(timeout: float = 60.0) -> Demo:
    """Start the server on a free loopback port with fresh accounts; the app then signs in with `sign_in_demo`."""
    root = Path(tempfile.mkdtemp(prefix="palaute-demo-"))
    server_dir, app_dir = root / "server", root / "app"
    rep_password, product_password = secrets.token_urlsafe(9), secrets.token_urlsafe(9)
    colleague_password = secrets.token_urlsafe(9)
    for name, role, password in (
        (REP_NAME, "rep", rep_password),
        (PRODUCT_NAME, "product", product_password),
        (COLLEAGUE_NAME, "rep", colleague_password),
    ):
        _server_command(
            server_dir,
            "user",
            "add",
            name,
            "--role",
            role,
            "--password-stdin",
            "--community",
            *DEMO_COMMUNITIES,
            stdin=password,
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--data-dir", str(server_dir), "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_server_env(),
    )
    ready, found = threading.Event(), list[str]()
    reader = threading.Thread(target=_read_output, args=(process, ready, found), daemon=True)
    reader.start()
    if not ready.wait(timeout) or not found:
        process.kill()
        reader.join(5)
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError("The demo server did not start; see `palaute-server serve` for details.")
    try:
        _seed_community(found[0], colleague_password, product_password)
    except Exception:  # the demo still works without the colleague's examples
        log.warning("Could not add the demo colleague's insights", exc_info=True)
    return Demo(found[0], rep_password, product_password, AppPaths.resolve(app_dir), process, root, reader)


def _seed_community(url: str, colleague_password: str, product_password: str) -> None:
    """The colleague reports a few insights; the product team answers one and ships another (real API calls)."""
    import uuid
    from datetime import UTC, datetime

    import requests

    from protocol.schema import API_PREFIX

    def login(name: str, password: str) -> dict[str, str]:
        answer = requests.post(
            f"{url}{API_PREFIX}/auth/login",
            json={"username": name, "password": password, "device_name": "demo"},
            timeout=10,
        )
        answer.raise_for_status()
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    colleague, product = login(COLLEAGUE_NAME, colleague_password), login(PRODUCT_NAME, product_password)
    ids = [str(uuid.uuid4()) for _ in COLLEAGUE_INSIGHTS]
    now = datetime.now(UTC).isoformat()
    mutations: list[dict[str, str | int | dict[str, str]]] = [
        {
            "type": "create",
            "number": n,
            "id": str(uuid.uuid4()),
            "insight": {"id": i, "text": text, "community": community, "impact": impact, "created_at": now},
        }
        for n, (i, (community, impact, text)) in enumerate(zip(ids, COLLEAGUE_INSIGHTS, strict=True), start=1)
    ]
    requests.post(
        f"{url}{API_PREFIX}/sync/push", json={"mutations": mutations}, headers=colleague, timeout=10
    ).raise_for_status()
    requests.post(
        f"{url}{API_PREFIX}/insights/{ids[0]}/replies",
        headers=product,
        timeout=10,
        json={"body": "Thanks! Split payments are planned for the spring release."},
    ).raise_for_status()
    requests.post(
        f"{url}{API_PREFIX}/insights/{ids[0]}/status", headers=product, timeout=10, json={"status": "planned"}
    ).raise_for_status()
    requests.post(
        f"{url}{API_PREFIX}/insights/{ids[1]}/status", headers=product, timeout=10, json={"status": "shipped"}
    ).raise_for_status()


def sign_in_demo(demo: Demo, store: Store) -> None:
    from desktop.sync.account import sign_in

    sign_in(store, demo_vault(), demo.url, REP_NAME, demo.rep_password)


_VAULT: Vault | None = None


def demo_vault() -> Vault:
    """One memory-only vault for the demo: its throw-away tokens never reach the OS keyring."""
    global _VAULT
    if _VAULT is None:
        from desktop.sync.credentials import Vault

        _VAULT = Vault(persistent=False)
    return _VAULT


def _server_env() -> dict[str, str]:
    # The demo is on loopback and thrown away: cheap password hashing makes it start in a moment.
    return {
        **os.environ,
        "PALAUTE_SERVER_ARGON2_TIME_COST": "1",
        "PALAUTE_SERVER_ARGON2_MEMORY_KIB": "8192",
        "PYTHONUNBUFFERED": "1",
    }


def _server_command(data_dir: Path, *args: str, stdin: str | None = None) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "server", *args, "--data-dir", str(data_dir)],
        input=stdin,
        capture_output=True,
        text=True,
        env=_server_env(),
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Setting up the demo server failed: {result.stderr.strip()}")


def _read_output(process: subprocess.Popen[str], ready: threading.Event, found: list[str]) -> None:
    """Find the ready line, then keep draining so the server never blocks on a full pipe; close at the end."""
    stdout = process.stdout
    if stdout is not None:  # always a pipe: the server starts with stdout=PIPE
        with stdout:
            for line in stdout:
                if not found and line.startswith(READY):
                    found.append(line[len(READY) :].strip())
                    ready.set()
    ready.set()
