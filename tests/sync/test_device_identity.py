"""One device per data folder: two folders, a restored backup and two syncs at once lose nothing and sign nobody
out. Real `palaute` processes against the real server, with a real Secret Service in a private D-Bus."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.support.cli_folder import CliFolder
from tests.support.fault_proxy import FaultProxy
from tests.support.keyrings import secret_service
from tests.sync.conftest import REP_PASSWORD


@pytest.fixture
def keyring_env():
    with secret_service() as env:
        yield env


def on_server(product) -> list[str]:
    return [i["id"] for i in product.insights()]


@pytest.mark.slow
def test_two_data_folders_signed_in_as_one_user_are_two_devices_and_lose_nothing(
    server, product, keyring_env, tmp_path
):
    a, b = CliFolder(keyring_env, tmp_path / "a"), CliFolder(keyring_env, tmp_path / "b")
    a.login(server.url, server.rep, REP_PASSWORD)
    a.capture(5, "folder A, first")
    a.sync()
    b.login(server.url, server.rep, REP_PASSWORD)
    b.capture(3, "folder B, first")
    b.sync()
    a.capture(3, "folder A, second")
    a.sync()
    b.capture(3, "folder B, second")  # before: answered "duplicate" under A's numbering and never stored
    b.sync()
    stored = on_server(product)
    assert sorted(stored) == sorted(a.captured + b.captured), "every insight of both folders, each once"
    status_a, status_b = a.status(), b.status()
    assert status_a["signed_in"] and status_b["signed_in"]
    assert status_a["device"] != status_b["device"]
    assert status_a["outbox"] == status_b["outbox"] == 0


@pytest.mark.slow
def test_a_data_folder_restored_from_a_backup_registers_a_new_device_and_loses_nothing(
    server, product, keyring_env, tmp_path
):
    folder = CliFolder(keyring_env, tmp_path / "data")
    folder.login(server.url, server.rep, REP_PASSWORD)
    folder.capture(3, "before the backup")
    folder.sync()
    device = folder.status().get("device")
    shutil.copytree(folder.data_dir, tmp_path / "backup")  # no process has the folder open now
    after_backup = folder.capture(3, "after the backup")
    folder.sync()
    shutil.rmtree(folder.data_dir)
    shutil.copytree(tmp_path / "backup", folder.data_dir)
    restored = folder.capture(3, "after the restore")  # numbered like "after the backup" was
    folder.sync()
    assert sorted(on_server(product)) == sorted(folder.captured), "every insight, each once"
    status = folder.status()
    assert status["signed_in"] and status["outbox"] == 0 and status["device"] != device
    local = {i["id"]: i for i in json.loads(folder.run("list", "--json").stdout)}
    assert set(after_backup + restored) <= set(local)  # the restored folder has caught up from the server
    assert all(local[i]["sync_state"] == "sent" for i in restored)
    assert "Sent 0 changes" in folder.sync()  # and nothing is left to send again


@pytest.mark.slow
def test_two_syncs_at_once_on_one_data_folder_sign_nobody_out(server, product, keyring_env, tmp_path):
    # A slow network (each push held 3 s) makes sure the two processes' refreshes and pushes interleave,
    # however their start-up times differ on a busy machine.
    proxy = FaultProxy(server.url)
    folder = CliFolder(keyring_env, tmp_path / "data")
    try:
        _sync_twice_at_once(folder, proxy, server, product)
    finally:
        proxy.close()


def _sync_twice_at_once(folder: CliFolder, proxy: FaultProxy, server, product) -> None:
    folder.login(proxy.url, server.rep, REP_PASSWORD)
    failures = []
    for round_ in range(5):
        folder.capture(2, f"round {round_}")
        proxy.plan("/api/v1/sync/push", "slow", "slow")
        # Each new process refreshes first (the access token lives in memory only): both at the same moment.
        runs = [folder.start("sync", "--once") for _ in range(2)]
        for run in runs:
            _out, err = run.communicate(timeout=120)
            if run.returncode != 0:
                failures.append(f"round {round_}: exit {run.returncode}: {err.strip()}")
        status = folder.status()
        assert status["signed_in"], f"round {round_}: signed out ({failures})"
    assert failures == []
    assert sorted(on_server(product)) == sorted(folder.captured)
    assert folder.status()["outbox"] == 0
