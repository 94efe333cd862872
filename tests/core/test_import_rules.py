"""Every desktop module is placed on one side of the "no Qt in the core" rule that lint-imports checks."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import desktop

ROOT = Path(__file__).resolve().parents[2]
# The Qt side: windows and adapters (the frozen app's self-test is one of desktop.ui), the wiring, the launcher.
QT_SIDE = ("desktop.ui", "desktop.platform", "desktop.app", "desktop.__main__")


def contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def covered(module: str, prefixes: list[str] | tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_each_desktop_module_is_core_or_qt_side():
    core = next(c for c in contracts() if "desktop core" in c["name"])["source_modules"]
    modules = [m.name for m in pkgutil.walk_packages(desktop.__path__, "desktop.") if ".migrations" not in m.name]
    assert "desktop.store.store" in modules and "desktop.ui.tray" in modules  # the walk found the packages
    unplaced = [m for m in modules if not covered(m, core) and not covered(m, QT_SIDE)]
    assert not unplaced, f"add these to the core contract in pyproject.toml, or to QT_SIDE here: {unplaced}"
    both = [m for m in core if covered(m, QT_SIDE) and m != "desktop.platform.instance_client"]
    assert not both, f"in the core contract and on the Qt side: {both}"
