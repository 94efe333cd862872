"""The server's OCI image and compose file (packaging/server/).

No container engine runs on this machine, so the image is not built here. What the image would run is
exercised instead: the final stage's ENTRYPOINT + CMD, with the image's ENV and the compose file's
environment (its database pointed at this test's PostgreSQL schema), started as a real process; then the
image's HEALTHCHECK command is run against it, and SIGTERM must stop it cleanly.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.server.conftest import pg_available, pg_schema_url  # noqa: F401  (fixtures: a fresh schema)

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "packaging" / "server"


def final_stage() -> list[tuple[str, str]]:
    """(instruction, argument) of the Containerfile's last stage, continuation lines joined."""
    text = (FOLDER / "Containerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    start = max(i for i, line in enumerate(lines) if line.upper().startswith("FROM "))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines[start:]]


def image_env(stage) -> dict[str, str]:
    env = {}
    for instruction, argument in stage:
        if instruction == "ENV":
            env.update(dict(pair.split("=", 1) for pair in shlex.split(argument)))
    return env


def only(stage, instruction: str) -> str:
    found = [argument for name, argument in stage if name == instruction]
    assert len(found) == 1, f"the image needs exactly one {instruction}"
    return found[0]


def test_image_runs_as_a_non_root_user_with_settings_from_the_environment():
    stage = final_stage()
    user = only(stage, "USER")
    assert user not in ("root", "0") and not user.startswith("0:")
    env = image_env(stage)
    assert env["PALAUTE_SERVER_ENVIRONMENT"] == "production"  # refuses insecure settings
    assert "PALAUTE_SERVER_SECRET_KEY" not in env  # a secret never lives in the image
    assert only(stage, "EXPOSE") == env["PALAUTE_SERVER_PORT"]
    assert "/api/v1/health" in only(stage, "HEALTHCHECK")
    compose = yaml.safe_load((FOLDER / "compose.yaml").read_text())
    assert set(compose["services"]) == {"db", "server"}
    assert compose["services"]["server"]["build"]["dockerfile"] == "packaging/server/Containerfile"
    assert compose["services"]["db"]["image"].startswith("postgres:")


def test_the_build_context_keeps_every_python_package_the_server_installs():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = [p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]]
    ignored = {line.strip().rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert packages and not ignored & {*packages, "pyproject.toml", "README.md"}
    assert all((ROOT / package / "__init__.py").exists() for package in packages)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.postgres
@pytest.mark.slow
def test_the_command_the_image_runs_serves_and_passes_its_health_check(tmp_path, request):
    database_url = request.getfixturevalue("pg_schema_url")
    stage = final_stage()
    command = json.loads(only(stage, "ENTRYPOINT")) + json.loads(only(stage, "CMD"))
    assert command[0] == "palaute-server"
    compose_env = yaml.safe_load((FOLDER / "compose.yaml").read_text())["services"]["server"]["environment"]
    port = free_port()
    env = {
        **os.environ,
        **image_env(stage),
        **{key: str(value) for key, value in compose_env.items()},
        # What compose would fill in from .env, and what differs on a test machine: this test's schema, a
        # loopback address (no traffic leaves this machine) and a free port.
        "PALAUTE_SERVER_DATABASE_URL": database_url,
        "PALAUTE_SERVER_SECRET_KEY": "s" * 48,
        "PALAUTE_SERVER_WORKERS": "2",
        "PALAUTE_SERVER_HOST": "127.0.0.1",
        "PALAUTE_SERVER_PORT": str(port),
        "PALAUTE_SERVER_DATA_DIR": str(tmp_path),
        "PALAUTE_SERVER_ARGON2_MEMORY_KIB": "19456",
        "PALAUTE_SERVER_ARGON2_TIME_COST": "2",
    }
    env.pop("PATH", None)
    env["PATH"] = f"{Path(sys.executable).parent}:{os.environ['PATH']}"  # the venv, as /opt/palaute/bin is there
    health = json.loads(only(stage, "HEALTHCHECK").split("CMD", 1)[1])
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            checked = subprocess.run(health, env=env, capture_output=True, timeout=10)
            if checked.returncode == 0 or process.poll() is not None:
                break
            time.sleep(0.2)
        assert process.poll() is None, log.read_text(errors="replace")
        assert checked.returncode == 0, checked.stderr
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    output = log.read_text(errors="replace")
    assert f"Palaute server listening on http://127.0.0.1:{port}" in output


def test_without_a_secret_the_image_refuses_to_start(tmp_path):
    stage = final_stage()
    command = json.loads(only(stage, "ENTRYPOINT")) + json.loads(only(stage, "CMD"))
    env = {**os.environ, **image_env(stage), "PALAUTE_SERVER_DATA_DIR": str(tmp_path)}
    env["PATH"] = f"{Path(sys.executable).parent}:{os.environ['PATH']}"
    env.pop("PALAUTE_SERVER_SECRET_KEY", None)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "PALAUTE_SERVER_SECRET_KEY must be set" in result.stderr
