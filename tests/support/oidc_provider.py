"""A real OpenID provider for tests and benchmarks: Node.js `oidc-provider`, started from tests/support/oidc/.

    with OidcProvider.start(tmp_path, USERS) as idp:
        idp.issuer                      # http://127.0.0.1:<port>
        idp.set_groups("anna", [])      # as the organisation's admin would
        idp.remove("anna")              # the account deleted or disabled there
        idp.next_id_token("expired")    # the next ID token is wrong in this way ("tamper", "wrong_audience")
        idp.restart()                   # same address, new signing key (a key rotation)

The npm package is installed once into tests/support/oidc/node_modules (from its package-lock.json) and reused.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "palaute"
CLIENT_SECRET = "palaute-secret"
READY = re.compile(r"oidc provider listening on (http://\S+)")
_install_lock = threading.Lock()


class ProviderError(RuntimeError):
    """Node.js or the provider package is missing, or the provider did not start."""


def ensure_installed() -> Path:
    """Install the provider package (npm ci) unless the cached install matches package-lock.json."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        raise ProviderError("Node.js and npm are needed for the single sign-on tests (scripts/system-deps.sh test)")
    version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    if int(version.lstrip("v").split(".")[0] or 0) < 20:
        raise ProviderError(f"the test OpenID provider needs Node.js 20 or later; this computer has {version}")
    stamp = HERE / "node_modules" / ".palaute-lock"
    lock = (HERE / "package-lock.json").read_text()
    with _install_lock:
        if not stamp.exists() or stamp.read_text() != lock:
            result = subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=HERE,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if result.returncode != 0:
                raise ProviderError(f"npm ci failed in {HERE}:\n{result.stderr[-2000:]}")
            stamp.write_text(lock)
    return Path(node)


class OidcProvider:
    def __init__(self, folder: Path, users: dict[str, dict]) -> None:
        self.folder, self.users = folder, users
        self.users_file = folder / "users.json"
        self.process: subprocess.Popen | None = None
        self.issuer = ""
        self.port = 0

    @classmethod
    def start(cls, folder: Path, users: dict[str, dict]) -> OidcProvider:
        folder.mkdir(parents=True, exist_ok=True)
        provider = cls(folder, users)
        provider.users_file.write_text(json.dumps(users))
        provider._launch()
        return provider

    def _launch(self) -> None:
        node = ensure_installed()
        log = open(self.folder / "provider.log", "ab")
        self.process = subprocess.Popen(
            [str(node), "provider.mjs", "--port", str(self.port), "--users", str(self.users_file)],
            cwd=HERE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**os.environ, "NODE_NO_WARNINGS": "1"},
        )
        log.close()
        line = self.process.stdout.readline() if self.process.stdout else ""
        found = READY.search(line)
        if found is None:
            self.stop()
            raise ProviderError(f"the test provider did not start: {line!r}\n{self.log_text()[-2000:]}")
        self.issuer = found.group(1)
        self.port = int(self.issuer.rsplit(":", 1)[1])

    def _hook(self, path: str, body: dict) -> None:
        requests.post(f"{self.issuer}/__test/{path}", data=json.dumps(body), timeout=5).raise_for_status()

    def set_groups(self, user: str, groups: list[str]) -> None:
        self._hook("groups", {"user": user, "groups": groups})

    def remove(self, user: str) -> None:
        self._hook("remove", {"user": user})

    def next_id_token(self, mode: str) -> None:
        self._hook("next-token", {"mode": mode})

    def restart(self) -> None:
        """Stop and start again on the same port with a new signing key (its sessions are forgotten)."""
        self.stop()
        self._launch()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()

    def log_text(self) -> str:
        path = self.folder / "provider.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def __enter__(self) -> OidcProvider:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def sign_in_at_provider(http: requests.Session, authorization_url: str, user: str, password: str) -> str:
    """Be the browser: open the provider's page, fill in its form, and follow redirects up to (not into)
    the relying party's callback. Returns that callback address (with `code` and `state`, or `error`)."""
    answer = http.get(authorization_url, allow_redirects=False, timeout=10)
    answer = _follow_at_provider(http, answer, authorization_url)
    if answer.status_code == 200:  # the login form
        action = re.search(r'action="([^"]+)"', answer.text).group(1)
        answer = http.post(
            requests.compat.urljoin(answer.url, action),
            data={"login": user, "password": password},
            allow_redirects=False,
            timeout=10,
        )
        answer = _follow_at_provider(http, answer, authorization_url)
    if not answer.is_redirect:
        raise ProviderError(f"the provider answered {answer.status_code}: {answer.text[:300]}")
    return answer.headers["location"]


def _follow_at_provider(http: requests.Session, answer: requests.Response, start: str) -> requests.Response:
    origin = start.split("/", 3)[:3]
    while answer.is_redirect:
        location = requests.compat.urljoin(answer.url, answer.headers["location"])
        if location.split("/", 3)[:3] != origin:
            return answer  # leaving the provider: the relying party's callback
        answer = http.get(location, allow_redirects=False, timeout=10)
    return answer
