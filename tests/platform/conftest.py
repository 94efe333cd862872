"""Fixtures for platform tests: a private D-Bus session bus, stopped after the test."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

# The GlobalShortcuts portal is reached over D-Bus, a Linux desktop's session bus (jeepney is Linux-only).
collect_ignore = [] if sys.platform.startswith("linux") else ["test_wayland_portal.py"]


@pytest.fixture
def session_bus() -> Iterator[str]:
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        address = proc.stdout.readline().strip()
        assert address.startswith("unix:"), f"dbus-daemon did not start: {address!r}"
        yield address
    finally:
        proc.terminate()
        proc.wait(5)
        if proc.stdout is not None:
            proc.stdout.close()
