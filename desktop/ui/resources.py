"""Where the shipped resources (icons, translations) are: next to the sources, or inside a frozen bundle."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

RESOURCES_ENV = "PALAUTE_RESOURCES"


@cache
def resources_dir() -> Path:
    """$PALAUTE_RESOURCES, else the PyInstaller bundle's copy, else <repo>/resources."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def icon_file(stem: str, size: int) -> Path:
    return resources_dir() / "icons" / "png" / f"{stem}-{size}.png"


def translation_file(language: str) -> Path:
    return resources_dir() / "translations" / f"palaute_{language}.qm"
