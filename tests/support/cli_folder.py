"""One Palaute data folder driven through the real `palaute` command line, as a user or a script would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


class CliFolder:
    """`palaute` subprocesses on one data folder, with the given environment (e.g. a private Secret Service)."""

    def __init__(self, env: dict[str, str], data_dir: Path) -> None:
        self.data_dir = data_dir
        self.env = {**env, "PALAUTE_DATA_DIR": str(data_dir)}
        self.captured: list[str] = []

    def run(self, *args: str, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "-m", "desktop", *args],
            env=self.env,
            cwd=REPO,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"palaute {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
        return result

    def start(self, *args: str) -> subprocess.Popen:
        """The same, without waiting (for processes that must overlap)."""
        return subprocess.Popen(
            [sys.executable, "-m", "desktop", *args],
            env=self.env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def login(self, url: str, user: str, password: str) -> None:
        self.run("login", "--server", url, "--user", user, "--password-stdin", stdin=password + "\n")

    def capture(self, count: int, label: str) -> list[str]:
        """Capture `count` insights; returns their ids (also kept in `captured`)."""
        ids = []
        for n in range(count):
            out = self.run("capture", f"{label} {n}", "-c", "payments").stdout
            ids.append(out.split("Saved insight ")[1].split()[0])
        self.captured += ids
        return ids

    def sync(self) -> str:
        return self.run("sync", "--once").stdout

    def status(self) -> dict:
        return json.loads(self.run("status", "--json").stdout)
