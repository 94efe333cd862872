"""Run the real Palaute server as a subprocess on loopback, for end-to-end tests and benchmarks.

    with ServerProcess.start(tmp_path / "server") as server:
        server.add_user("rita", "rep", "pw", communities=["payments"])
        requests.post(server.url + "/api/v1/auth/login", json={...})

The server's JSON logs go to `server.log_path`; `stop()` ends it with SIGTERM (SIGKILL after a timeout).
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
READY = "Palaute server listening on "
# Cheap password hashing: tests sign in often; production cost is the default.
FAST_HASHING = {"PALAUTE_SERVER_ARGON2_TIME_COST": "1", "PALAUTE_SERVER_ARGON2_MEMORY_KIB": "1024"}


class ServerError(RuntimeError):
    """The server did not start (the message includes the end of its log)."""


class ServerProcess:
    def __init__(
        self,
        process: subprocess.Popen,
        url: str,
        data_dir: Path,
        database_url: str | None,
        env: dict[str, str],
        log_path: Path,
    ) -> None:
        self.process, self.url, self.data_dir = process, url, data_dir
        self.database_url, self.env, self.log_path = database_url, env, log_path

    @classmethod
    def start(
        cls,
        data_dir: Path,
        *,
        database_url: str | None = None,
        workers: int = 1,
        env: dict[str, str] | None = None,
        timeout: float = 60.0,
        port: int = 0,
    ) -> ServerProcess:
        """Start `palaute-server serve` on 127.0.0.1 (a free port unless `port` is given) and wait until ready."""
        data_dir.mkdir(parents=True, exist_ok=True)
        full_env = {**os.environ, **FAST_HASHING, "PYTHONUNBUFFERED": "1", **(env or {})}
        args = [
            *_base_args(data_dir, database_url),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ]
        log_path = data_dir / "server.log"
        log = open(log_path, "ab")
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, env=full_env, cwd=REPO, text=True)
        log.close()
        url = _wait_ready(process, timeout)
        if url is not None and workers > 1:
            # Several workers: the ready line comes once the socket listens, before any worker has loaded the
            # app (a request waits in the backlog meanwhile); the tests' request timeouts start after this.
            url = _wait_answering(url, timeout)
        if url is None:
            _kill(process)
            raise ServerError(f"server did not start within {timeout} s:\n{_tail(log_path)}")
        return cls(process, url, data_dir, database_url, full_env, log_path)

    def cli(self, *args: str, input: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        """Run a `palaute-server` admin command against this server's database."""
        result = subprocess.run(
            [*_base_args(self.data_dir, self.database_url), *args],
            input=input,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=REPO,
            timeout=60,
        )
        if check and result.returncode != 0:
            raise ServerError(f"palaute-server {' '.join(args)} failed: {result.stderr.strip()}")
        return result

    def add_user(
        self,
        name: str,
        role: str,
        password: str,
        *,
        communities: list[str] = (),
        product_areas: list[str] = (),
        cli: bool = False,
    ) -> None:
        """Create a user straight in the server's database, as `palaute-server user add` does; `cli=True` runs
        that command (a fresh interpreter: seconds of imports per user, so only the tests of the command do)."""
        if not cli:
            _create_user(self, name, role, password, list(communities), list(product_areas))
            return
        args = ["user", "add", name, "--role", role, "--password-stdin"]
        if communities:
            args += ["--community", *communities]
        if product_areas:
            args += ["--product-area", *product_areas]
        self.cli(*args, input=password + "\n")

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, wait, SIGKILL if needed; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                _kill(self.process)
        return self.process.returncode

    def delivery_pids(self) -> list[int]:
        """The webhook delivery process `serve` started beside its workers (Linux: read from /proc)."""
        from tests.support.processes import children, command_line

        return [pid for pid in children(self.process.pid) if "deliver" in command_line(pid)]

    def crash(self) -> None:
        """SIGKILL the server and its delivery process, as a host's crash would: nothing stops in order."""
        for pid in self.delivery_pids():
            os.kill(pid, signal.SIGKILL)
        self.process.kill()
        self.process.wait(10)

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _create_user(server: ServerProcess, name, role, password, communities, product_areas) -> None:
    from server import security
    from server.db import Database
    from server.services import accounts

    security.configure(1, 1024)  # the cheap hashing the server process uses (FAST_HASHING)
    db = Database(server.database_url or f"sqlite:///{server.data_dir / 'palaute-server.sqlite3'}", pool_size=1)
    try:
        with db.write() as session:
            accounts.create_user(session, name, role, password, communities=communities, product_areas=product_areas)
    finally:
        db.dispose()


def _base_args(data_dir: Path, database_url: str | None) -> list[str]:
    args = [sys.executable, "-m", "server", "--data-dir", str(data_dir)]
    return args + (["--database-url", database_url] if database_url else [])


def _wait_ready(process: subprocess.Popen, timeout: float) -> str | None:
    found: list[str] = []
    ready = threading.Event()

    def read() -> None:
        # Keeps draining stdout after the ready line so the server never blocks on a full pipe.
        with process.stdout:
            for line in process.stdout:
                if not found and line.startswith(READY):
                    found.append(line[len(READY) :].strip())
                    ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    ready.wait(timeout)
    return found[0] if found else None


def _wait_answering(url: str, timeout: float) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/api/v1/health", timeout=max(0.1, deadline - time.monotonic())):
                return url
        except urllib.error.HTTPError:
            return url  # it answers (its database may be down: the test decides what that means)
        except (OSError, http.client.HTTPException):
            time.sleep(0.05)
    return None


def _kill(process: subprocess.Popen) -> None:
    process.kill()
    process.wait(10)


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else "(no log)"
