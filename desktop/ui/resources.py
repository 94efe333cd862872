"""Where the shipped resources (icons, translations) are: next to the sources, or inside a frozen bundle."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from desktop.paths import RESOURCES_ENV as RESOURCES_ENV, resources_dir as _resources_dir


@cache
def resources_dir() -> Path:
    """$PALAUTE_RESOURCES, else the PyInstaller bundle's copy, else <repo>/resources (desktop/paths.py)."""
    return _resources_dir()


def icon_file(stem: str, size: int) -> Path:
    return resources_dir() / "icons" / "png" / f"{stem}-{size}.png"


def translation_file(language: str) -> Path:
    return resources_dir() / "translations" / f"palaute_{language}.qm"
