"""Demo mode: a throw-away local server with a rep and a product member, so the whole loop works at once."""

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

from desktop.paths import AppPaths

log = logging.getLogger(__name__)
READY = "Palaute server listening on "
REP_NAME, PRODUCT_NAME = "demo-rep", "demo-product"


@dataclass
class Demo:
    """A running demo: the server process, its address, the two accounts and the folders to remove."""

    url: str
    rep_password: str
    product_password: str
    paths: AppPaths
    process: subprocess.Popen
    root: Path
    reader: threading.Thread

    def banner(self) -> str:
        return (
            "Palaute demo is running.\n"
            f"  Product team's web page: {self.url}/\n"
            f"  Sign in there as:        {PRODUCT_NAME} / {self.product_password}\n"
            f"  The app is signed in as: {REP_NAME}\n"
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
    for name, role, password in ((REP_NAME, "rep", rep_password), (PRODUCT_NAME, "product", product_password)):
        _server_command(server_dir, "user", "add", name, "--role", role, "--password-stdin", "--community",
                        "payments", "mobile-app", "onboarding", "cards", "online-banking", stdin=password)
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--data-dir", str(server_dir), "--host", "127.0.0.1",
         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_server_env())
    ready, found = threading.Event(), []
    reader = threading.Thread(target=_read_output, args=(process, ready, found), daemon=True)
    reader.start()
    if not ready.wait(timeout) or not found:
        process.kill()
        reader.join(5)
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError("The demo server did not start; see `palaute-server serve` for details.")
    return Demo(found[0], rep_password, product_password, AppPaths.resolve(app_dir), process, root, reader)


def sign_in_demo(demo: Demo, store) -> None:  # type: ignore[no-untyped-def]
    from desktop.sync.account import sign_in

    sign_in(store, demo_vault(), demo.url, REP_NAME, demo.rep_password)


_VAULT = None


def demo_vault():  # type: ignore[no-untyped-def]
    """One memory-only vault for the demo: its throw-away tokens never reach the OS keyring."""
    global _VAULT
    if _VAULT is None:
        from desktop.sync.credentials import Vault

        _VAULT = Vault(persistent=False)
    return _VAULT


def _server_env() -> dict[str, str]:
    # The demo is on loopback and thrown away: cheap password hashing makes it start in a moment.
    return {**os.environ, "PALAUTE_SERVER_ARGON2_TIME_COST": "1", "PALAUTE_SERVER_ARGON2_MEMORY_KIB": "8192",
            "PYTHONUNBUFFERED": "1"}


def _server_command(data_dir: Path, *args: str, stdin: str | None = None) -> None:
    result = subprocess.run([sys.executable, "-m", "server", *args, "--data-dir", str(data_dir)], input=stdin,
                            capture_output=True, text=True, env=_server_env(), timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"Setting up the demo server failed: {result.stderr.strip()}")


def _read_output(process: subprocess.Popen, ready: threading.Event, found: list[str]) -> None:
    """Find the ready line, then keep draining so the server never blocks on a full pipe; close at the end."""
    with process.stdout:  # type: ignore[union-attr]
        for line in process.stdout:  # type: ignore[union-attr]
            if not found and line.startswith(READY):
                found.append(line[len(READY):].strip())
                ready.set()
    ready.set()
