"""The frozen binary's `--self-test`, offscreen and under a real X server, on an environment without Python."""

from __future__ import annotations

import subprocess

import pytest

from tests.packaging.conftest import SLOW_TIMEOUT, Bundle, bare_env

pytestmark = [pytest.mark.slow, SLOW_TIMEOUT]


def _self_test(bundle: Bundle, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle.executable), "--self-test"], env=env, capture_output=True, text=True, timeout=120)


def test_self_test_passes_offscreen(bundle: Bundle, tmp_path) -> None:
    report = tmp_path / "report.txt"  # how a windowed Windows build, with no console, hands back its verdict
    result = _self_test(bundle, bare_env(tmp_path, QT_QPA_PLATFORM="offscreen", PALAUTE_SELF_TEST_REPORT=str(report)))
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert "frozen" in result.stdout and "Qt platform offscreen" in result.stdout
    assert report.read_text() == result.stdout


def test_self_test_without_a_display_falls_back_to_offscreen(bundle: Bundle, tmp_path) -> None:
    result = _self_test(bundle, bare_env(tmp_path))  # no DISPLAY, no QT_QPA_PLATFORM: a CI runner or a server
    assert result.returncode == 0, result.stderr
    assert "Qt platform offscreen" in result.stdout


@pytest.mark.xvfb
def test_self_test_passes_under_xvfb(bundle: Bundle, tmp_path) -> None:
    from tests.xvfb.xvfb_support import start_session

    session = start_session()
    try:
        env = bare_env(tmp_path, DISPLAY=session.display, DBUS_SESSION_BUS_ADDRESS=session.dbus_address)
        result = _self_test(bundle, env)
    finally:
        session.stop()
    assert result.returncode == 0, result.stderr
    assert "Qt platform xcb" in result.stdout


def test_self_test_reports_what_is_missing(bundle: Bundle, tmp_path) -> None:
    # The same binary, pointed at an empty resources folder: it must fail and name what it could not load.
    env = bare_env(tmp_path, QT_QPA_PLATFORM="offscreen", PALAUTE_RESOURCES=str(tmp_path / "nothing"))
    result = _self_test(bundle, env)
    assert result.returncode == 1
    assert "self-test FAILED" in result.stderr
    assert "palaute_fi.qm" in result.stderr and "icon" in result.stderr
