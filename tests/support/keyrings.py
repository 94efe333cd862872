"""Real keyring backends for tests: an in-memory one for in-process tests, and a private Secret Service."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A complete keyring backend that keeps secrets in a dict (what `keyring` itself calls a backend)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@contextmanager
def secret_service() -> Iterator[dict[str, str]]:
    """A private D-Bus session with an unlocked gnome-keyring; yields the environment that reaches it.

    Child processes given this environment use the real Secret Service backend of `keyring`; everything
    (bus, keyring daemon, its files) is stopped and removed afterwards.
    """
    if not shutil.which("dbus-daemon") or not shutil.which("gnome-keyring-daemon"):
        raise RuntimeError("dbus-daemon and gnome-keyring-daemon are needed (make test installs them)")
    home = Path(tempfile.mkdtemp(prefix="palaute-keyring-"))
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime), "XDG_DATA_HOME": str(home / "data")}
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE, text=True, env=env
    )
    keyring_daemon = None
    daemon_log = None
    try:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        # Its messages go to a file that is shown if it dies before the end: once in CI (2026-12-06) it was gone
        # by a test's first sign-in, after the probe below had stored and read a secret, for no reason seen.
        daemon_log = (home / "gnome-keyring-daemon.log").open("w")
        keyring_daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=daemon_log,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
        )
        keyring_daemon.stdin.write("test-keyring-password")
        keyring_daemon.stdin.close()
        _wait_for_secret_service(env)
        yield env
    finally:
        died = None
        if keyring_daemon is not None and keyring_daemon.poll() is not None:
            log = (home / "gnome-keyring-daemon.log").read_text(errors="replace")[-2000:]
            died = f"gnome-keyring-daemon exited before the test ended (code {keyring_daemon.returncode}): {log}"
        for process in (keyring_daemon, bus):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
        if bus.stdout:
            bus.stdout.close()
        if daemon_log is not None:
            daemon_log.close()
        shutil.rmtree(home, ignore_errors=True)
    if died:  # an error at teardown, beside the test's own failure, says the keyring broke, not the app
        raise RuntimeError(died)


def _wait_for_secret_service(env: dict[str, str], timeout: float = 10.0) -> None:
    probe = (
        "import keyring, sys; keyring.set_password('palaute-probe', 'p', 'x');"
        "sys.exit(keyring.get_password('palaute-probe', 'p') != 'x')"
    )
    deadline = time.monotonic() + timeout
    while True:
        result = subprocess.run([os.sys.executable, "-c", probe], env=env, capture_output=True, text=True)
        if result.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"the Secret Service did not come up: {result.stderr[-500:]}")
        time.sleep(0.2)
