"""Accessibility as a screen reader meets it: the windows' AT-SPI tree (at-spi2-core, read with pyatspi) under
the test's own Xvfb and D-Bus. Every control has a name, and the keyboard alone reaches each one."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.xvfb.conftest import REPO
from tests.xvfb.xvfb_support import XSession, stop_process, wait_for

pytestmark = pytest.mark.xvfb
BUS_LAUNCHER = next(
    (p for p in ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher") if Path(p).exists()),
    None,
)
SYSTEM_PYTHON = "/usr/bin/python3"  # pyatspi is Debian's (python3-pyatspi), bound to the system Python
CONTROLS = {"push button", "combo box", "text", "check box", "list", "table", "page tab", "spin button", "entry"}
WINDOWS = ("Palaute — Capture insight", "Palaute — Inbox", "Palaute — Settings", "Palaute — Weekly community digest")


@pytest.fixture(scope="module")
def app(xsession: XSession, tmp_path_factory) -> Iterator[tuple[XSession, dict]]:
    assert BUS_LAUNCHER, "install at-spi2-core (scripts/system-deps.sh test)"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True)
    assert probe.returncode == 0, f"install python3-pyatspi (scripts/system-deps.sh test): {probe.stderr}"
    bus = subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], env=xsession.env, stderr=subprocess.DEVNULL)
    env = {**xsession.env, "PYTHONPATH": str(REPO), "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    tour = subprocess.Popen(
        [sys.executable, "-m", "tests.xvfb.window_tour", "en", str(tmp_path_factory.mktemp("a11y")), "--hold"],
        env=env,
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert tour.stdout is not None
        tour.stdout.readline()  # the windows are all shown once the tour reports
        yield xsession, env
    finally:
        stop_process(tour)
        stop_process(bus)


def tree(env: dict, *args: str) -> list[dict]:
    result = subprocess.run(
        [SYSTEM_PYTHON, str(REPO / "tests" / "xvfb" / "atspi_tree.py"), "Palaute", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = json.loads(result.stdout or "{}")
    return found if isinstance(found, list) else []


def test_every_control_of_every_window_has_a_name(app):
    _session, env = app
    nodes = wait_for(lambda: tree(env), 20, interval=0.5, what="the app in the AT-SPI tree")
    assert {n["window"] for n in nodes} >= set(WINDOWS)
    nameless = [
        f"{n['window']}: {n['role']}"
        for n in nodes
        if n["role"] in CONTROLS and {"focusable", "showing"} <= set(n["states"]) and not n["name"].strip()
    ]
    assert nameless == []
    # The inbox's rows are read out whole: unread replies first, the text, then its facts.
    rows = [
        n["name"] for n in nodes if n["window"] == "Palaute — Inbox" and n["role"] == "list item" and not n["in_combo"]
    ]
    assert "1 unread reply. Statement PDF misses the IBAN. Cards CoP · Medium · New · 1 customer" in " | ".join(rows)


def test_the_keyboard_alone_reaches_every_control_of_the_capture_window(app):
    session, env = app
    nodes = tree(env)
    wanted = {
        n["name"]
        for n in nodes
        if n["window"] == "Palaute — Capture insight"
        and n["role"] in CONTROLS
        and {"focusable", "showing", "enabled"} <= set(n["states"])
        and not n["in_combo"]  # an editable combo box's line: the combo box itself takes the focus
    }
    # On Linux a combo box is named by its value ("Payments CoP"); its label reaches the reader as a relation.
    assert {"Insight text", "Payments CoP", "Save insight", "Personal data found", "Similar insights"} <= wanted
    reached = []
    for _ in range(len(wanted) + 4):
        focused = [n for n in tree(env, "--focus") if n["window"] == "Palaute — Capture insight"]
        reached += [n["name"] for n in focused]
        session.run("xdotool", "key", "Tab")
    assert wanted <= set(reached), sorted(wanted - set(reached))
