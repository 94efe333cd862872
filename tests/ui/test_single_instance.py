"""Single instance: the lock decides, the local socket carries requests, a killed app's lock is recovered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.paths import AppPaths
from desktop.platform.instance_client import SHOW_CAPTURE, lock_path, notify_running_app, server_name
from desktop.ui.single_instance import InstanceLock, InstanceServer

ROOT = Path(__file__).resolve().parents[2]


def in_thread(function, *args):
    """notify_running_app blocks for the answer while the server needs the Qt event loop: run it aside."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(function(*args)))
    thread.start()
    return thread, result


def test_names_derive_from_the_data_folder(tmp_path):
    one, two = AppPaths.resolve(tmp_path / "one"), AppPaths.resolve(tmp_path / "two")
    assert server_name(one) != server_name(two)
    assert server_name(one) == server_name(AppPaths.resolve(tmp_path / "one"))
    assert lock_path(one).parent == one.data_dir
    assert len(server_name(one)) < 100  # fits a Unix socket path however deep the data folder is


def test_a_message_reaches_the_running_app(qtbot, paths):
    server = InstanceServer(paths)
    assert server.listen()
    with qtbot.waitSignal(server.message_received, timeout=3000) as received:
        thread, result = in_thread(notify_running_app, paths, SHOW_CAPTURE)
    thread.join(3)
    assert received.args == [SHOW_CAPTURE]
    assert result == [True]
    server.close()


def test_nobody_listening_is_a_plain_false(paths):
    assert notify_running_app(paths, SHOW_CAPTURE, timeout=0.5) is False


def test_a_malformed_message_is_refused(qtbot, paths):
    import socket

    server = InstanceServer(paths)
    assert server.listen()

    def send_garbage() -> bytes:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(3)
            sock.connect(server.name)
            sock.sendall(b"{not json\n")
            return sock.recv(100)

    with qtbot.assertNotEmitted(server.message_received, wait=200):
        thread, result = in_thread(send_garbage)
        qtbot.waitUntil(lambda: bool(result), timeout=3000)
    thread.join(3)
    assert result[0].startswith(b"error")
    server.close()


def test_a_leftover_socket_file_does_not_block_listening(paths):
    leftover = Path(server_name(paths))
    leftover.write_text("left by a killed app")
    server = InstanceServer(paths)
    assert server.listen()
    server.close()


def test_the_lock_is_exclusive_per_data_folder(paths, tmp_path):
    first, second = InstanceLock(paths), InstanceLock(paths)
    assert first.try_acquire()
    assert not second.try_acquire()
    assert second.owner_pid() == os.getpid()
    assert InstanceLock(AppPaths.resolve(tmp_path / "elsewhere")).try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()


# --- the real app, as subprocesses ----------------------------------------------------------------------------
def app_env(data_dir: Path, ready: Path) -> dict[str, str]:
    env = dict(os.environ, PALAUTE_DATA_DIR=str(data_dir), PALAUTE_READY_FILE=str(ready), QT_QPA_PLATFORM="offscreen")
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


def start_app(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def wait_ready(ready: Path, proc: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not ready.exists():
        if proc.poll() is not None:
            raise AssertionError(f"app exited early ({proc.returncode}): {proc.stderr.read().decode()}")
        if time.monotonic() > deadline:
            raise AssertionError("app never became ready")
        time.sleep(0.02)


def wait_for_log(log: Path, text: str, timeout: float = 10) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = log.read_text(encoding="utf-8") if log.exists() else ""
        if text in content:
            return content
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not in the log:\n{content}")


@pytest.fixture
def running_app(data_dir, tmp_path):
    ready = tmp_path / "ready"
    env = app_env(data_dir, ready)
    proc = start_app(env)
    procs = [proc]
    try:
        wait_ready(ready, proc)
        socket_file = Path(server_name(AppPaths.resolve(data_dir)))
        deadline = time.monotonic() + 10
        while not socket_file.exists() and time.monotonic() < deadline:  # it listens just after "ready"
            time.sleep(0.01)
        yield proc, env, ready, procs
    finally:
        for each in procs:
            if each.poll() is None:
                each.terminate()
                try:
                    each.wait(10)
                except subprocess.TimeoutExpired:
                    each.kill()
                    each.wait()
            each.stderr.close()


def test_a_second_instance_hands_over_and_exits(running_app, data_dir):
    proc, env, _ready, _procs = running_app
    log = data_dir / "logs" / "palaute.log"
    started = time.monotonic()
    second = subprocess.run(
        [sys.executable, "-m", "desktop", "capture", "--show"], cwd=ROOT, env=env, capture_output=True, timeout=30
    )
    assert second.returncode == 0, second.stderr.decode()
    assert time.monotonic() - started < 10
    content = wait_for_log(log, "showing the capture window")
    assert "'action': 'show_capture'" in content
    assert proc.poll() is None  # the first app is still the one running
    assert content.count("palaute ready") == 1


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no SIGTERM: a process is ended, not asked to quit")
def test_sigterm_quits_cleanly_and_releases_the_lock(running_app, data_dir):
    proc, _env, _ready, _procs = running_app
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(10) == 0
    lock = InstanceLock(AppPaths.resolve(data_dir))
    assert lock.try_acquire()
    lock.release()


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe goes with its process; only a Unix socket stays")
def test_a_stale_lock_after_sigkill_is_recovered(running_app, data_dir, tmp_path):
    proc, env, ready, procs = running_app
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    paths = AppPaths.resolve(data_dir)
    assert lock_path(paths).exists() and Path(server_name(paths)).exists()  # both left behind by the kill

    ready.unlink()
    restarted = start_app(env)
    procs.append(restarted)
    wait_ready(ready, restarted)
    second = subprocess.run(
        [sys.executable, "-m", "desktop", "capture", "--show"], cwd=ROOT, env=env, capture_output=True, timeout=30
    )
    assert second.returncode == 0, second.stderr.decode()
    wait_for_log(data_dir / "logs" / "palaute.log", "showing the capture window")
    assert restarted.poll() is None


def test_a_cli_capture_tells_the_running_app(running_app, data_dir):
    _proc, env, _ready, _procs = running_app
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "capture", "Export to CSV drops accents", "--community", "cards"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr.decode()
    wait_for_log(data_dir / "logs" / "palaute.log", "'type': 'captured'")
