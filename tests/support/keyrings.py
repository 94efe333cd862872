"""Real keyring backends for tests: an in-memory one for in-process tests, and a private Secret Service."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
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

    The bus starts no services of its own (no service directories in its configuration). A session bus would
    start the system's gnome-keyring-daemon for any client that asks before this one owns the Secret Service's
    name, or after it died. That one is locked and can only ask through a prompt, which no display shows, and
    this one never gets the name ("another secret service is running"): tried by hand, a client that asked
    first got "Prompt dismissed", and so did every client after it. Here such a client gets an error instead,
    and the probe waits until the name is owned by this daemon's process.
    """
    if not shutil.which("dbus-daemon") or not shutil.which("gnome-keyring-daemon"):
        raise RuntimeError("dbus-daemon and gnome-keyring-daemon are needed (make test installs them)")
    home = Path(tempfile.mkdtemp(prefix="palaute-keyring-"))
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime), "XDG_DATA_HOME": str(home / "data")}
    config = home / "bus.conf"
    config.write_text(_BUS_CONFIG.format(runtime=runtime), encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    keyring_daemon = None
    daemon_log = None
    try:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        # Its messages go to a file that is shown if it dies before the end: once in CI (2026-12-06) it was gone
        # by a test's first sign-in, after the probe had passed (the bus's activation, above, is the likely cause).
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
        _wait_for_secret_service(env, keyring_daemon.pid)
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


# A session bus like the standard one, but with no <servicedir>: it activates nothing.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={runtime}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

# Exits 0 once the Secret Service's name belongs to process argv[1] and a secret goes in and comes back out.
_PROBE = """
import sys
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection
bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus")
with open_dbus_connection(bus="SESSION") as connection:
    reply = connection.send_and_get_reply(
        new_method_call(bus, "GetConnectionUnixProcessID", "s", ("org.freedesktop.secrets",))
    )
if reply.header.message_type.name != "method_return" or reply.body[0] != int(sys.argv[1]):
    sys.exit(f"the Secret Service is not ours yet: {reply.body}")
import keyring
keyring.set_password("palaute-probe", "p", "x")
sys.exit(keyring.get_password("palaute-probe", "p") != "x")
"""


def _wait_for_secret_service(env: dict[str, str], daemon_pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        result = subprocess.run(
            [sys.executable, "-c", _PROBE, str(daemon_pid)], env=env, capture_output=True, text=True
        )
        if result.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"the Secret Service did not come up: {result.stderr[-500:]}")
        time.sleep(0.2)
