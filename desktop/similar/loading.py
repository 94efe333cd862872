"""Loading a hints model (the word table or the cut encoder) once per process, on first use."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
Model = TypeVar("Model")


class LoadedOnce(Generic[Model]):
    """Call it for the model in `folder` (default: the app's resources/<folder_name>): loaded at the first call
    and kept; None when it is missing or unreadable, so hints fall back to words alone instead of failing."""

    def __init__(self, make: Callable[[Path], Model], folder_name: str, what: str) -> None:
        self._make, self._folder_name, self._what = make, folder_name, what
        self._lock = threading.Lock()
        self._loaded: dict[Path, Model | None] = {}

    def __call__(self, folder: Path | None = None) -> Model | None:
        if folder is None:
            from desktop.paths import resources_dir

            folder = resources_dir() / self._folder_name
        with self._lock:
            if folder not in self._loaded:
                try:
                    self._loaded[folder] = self._make(folder)
                except (OSError, ValueError, KeyError, ImportError):
                    log.warning(
                        "Could not load the hints' %s from %s; hints use words alone", self._what, folder, exc_info=True
                    )
                    self._loaded[folder] = None
            return self._loaded[folder]
