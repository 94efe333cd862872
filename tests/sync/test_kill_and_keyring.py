"""The app killed mid-sync, TLS trust, and the refresh token kept in a real Secret Service and nowhere else."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.domain import NewInsight
from desktop.sync.account import resume, sign_in
from desktop.sync.engine import Puller, Pusher
from desktop.sync.errors import TlsUntrusted
from tests.support.fault_proxy import FaultProxy
from tests.support.keyrings import secret_service
from tests.support.tls import self_signed
from tests.sync.conftest import REP_PASSWORD

REPO = Path(__file__).resolve().parents[2]


def palaute(env, *args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        env=env,
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def keyring_env(data_dir):
    with secret_service() as env:
        yield {**env, "PALAUTE_DATA_DIR": str(data_dir)}


def scan_for(folder: Path, secrets: list[str]) -> list[str]:
    """Every file under folder (database, WAL, logs) that contains any of the secrets, as raw bytes."""
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            hits += [f"{path.name}" for s in secrets if s and s.encode() in content]
    return hits


@pytest.mark.slow
def test_sigkill_during_sync_20_times_loses_and_duplicates_nothing(server, product, keyring_env, data_dir):
    assert (
        palaute(
            keyring_env,
            "login",
            "--server",
            server.url,
            "--user",
            server.rep,
            "--password-stdin",
            stdin=REP_PASSWORD + "\n",
        ).returncode
        == 0
    )
    rng = random.Random(21)
    reported = []
    for run in range(20):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.sync_child", str(run)],
            env=keyring_env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        for line in child.stdout:
            if line.startswith("captured "):
                reported.append(line.split()[1])
            if line.startswith("syncing"):
                break
        time.sleep(rng.uniform(0.0, 0.3))  # inside a push, a pull, a commit, a refresh...
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    final = palaute(keyring_env, "sync", "--once")
    assert final.returncode == 0, final.stderr
    status = json.loads(palaute(keyring_env, "status", "--json").stdout)
    local = json.loads(palaute(keyring_env, "list", "--json").stdout)
    on_server = [i["id"] for i in product.insights()]
    lost = set(reported) - set(on_server)
    duplicated = len(on_server) - len(set(on_server))
    print(
        f"\nkill test: 20 SIGKILLs mid-sync, {len(reported)} captures reported, {len(on_server)} on the server, "
        f"lost {len(lost)}, duplicated {duplicated}"
    )
    assert not lost and duplicated == 0
    assert set(on_server) == {i["id"] for i in local}
    assert status["outbox"] == 0 and status["signed_in"]


def test_the_refresh_token_lives_in_the_secret_service_and_nowhere_on_disk(server, keyring_env, data_dir):
    login = palaute(
        keyring_env,
        "login",
        "--server",
        server.url,
        "--user",
        server.rep,
        "--password-stdin",
        stdin=REP_PASSWORD + "\n",
    )
    assert login.returncode == 0 and "Signed in" in login.stdout and "keyring" not in login.stderr
    assert palaute(keyring_env, "capture", "stored and synced", "-c", "payments").returncode == 0
    assert palaute(keyring_env, "sync", "--once").returncode == 0  # a new process: the token came from the keyring
    device = json.loads(palaute(keyring_env, "status", "--json").stdout)["device"]
    entry = keyring_entry(keyring_env, f"device:{device}")
    secrets = json.loads(entry)
    assert len(secrets["refresh_token"]) > 20 and len(secrets["key"]["d"]) > 20  # the token and the private key
    assert scan_for(data_dir, [secrets["refresh_token"], secrets["key"]["d"]]) == []
    assert palaute(keyring_env, "logout").returncode == 0
    assert keyring_entry(keyring_env, f"device:{device}") == "None"


def keyring_entry(env: dict[str, str], account: str) -> str:
    """What the real Secret Service holds for Palaute under `account` ("None" if nothing)."""
    return subprocess.run(
        [sys.executable, "-c", f"import keyring; print(keyring.get_password('Palaute', '{account}'))"],
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()


def test_without_a_keyring_the_sign_in_lasts_for_the_session_and_says_so(server, data_dir, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(
        PALAUTE_DATA_DIR=str(data_dir),
        HOME=str(tmp_path),
        XDG_RUNTIME_DIR=str(tmp_path),
        DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent",
    )
    login = palaute(
        env, "login", "--server", server.url, "--user", server.rep, "--password-stdin", stdin=REP_PASSWORD + "\n"
    )
    assert login.returncode == 0
    assert "cannot use this computer's password store" in login.stderr
    sync = palaute(env, "sync", "--once")
    assert sync.returncode == 5 and "Not signed in" in sync.stderr


def test_tokens_never_reach_the_data_folder_or_the_logs(signed_in, memory_keyring, data_dir):
    import logging

    logging.getLogger().setLevel(logging.DEBUG)  # the most talkative the app can be
    from desktop.logs import setup_logging

    setup_logging(data_dir / "logs", level=logging.DEBUG)
    store = signed_in
    client = resume(store, __import__("desktop.sync.credentials", fromlist=["Vault"]).Vault())
    store.capture(NewInsight(text="secret scan", community="payments"))
    Pusher(store.sync).push_all(client)
    Puller(store.sync).pull_all(client)
    [entry] = [json.loads(v) for (_, account), v in memory_keyring.secrets.items() if account.startswith("device:")]
    secrets = [entry["refresh_token"], entry["key"]["d"], client.auth.access_token]
    assert all(len(s) > 20 for s in secrets)
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert scan_for(data_dir, secrets) == []
    assert client.auth.access_token not in repr(client.auth) and entry["key"]["d"] not in repr(client.auth.key)


def test_an_untrusted_certificate_is_refused_in_words_and_a_configured_ca_is_trusted(server, store, vault, tmp_path):
    cert, context = self_signed(tmp_path)
    proxy = FaultProxy(server.url, tls=context)
    try:
        with pytest.raises(TlsUntrusted, match="certificate is not trusted"):
            sign_in(store, vault, proxy.url, server.rep, REP_PASSWORD)
        assert store.sync.meta("device_id") is None
        store.settings.set("ca_bundle", str(cert))
        pair = sign_in(store, vault, proxy.url, server.rep, REP_PASSWORD)
        assert pair.user.name == server.rep
    finally:
        proxy.close()
