"""Where Palaute keeps its files: the per-user folders platformdirs names, or one folder given by the user."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktop import APP_NAME
from privacy.files import private_dir

DATA_DIR_ENV = "PALAUTE_DATA_DIR"
DB_FILENAME = "palaute.db"
RESOURCES_ENV = "PALAUTE_RESOURCES"


def resources_dir() -> Path:
    """The shipped resources (icons, translations): $PALAUTE_RESOURCES, the frozen bundle's, or <repo>/resources."""
    import sys

    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


@dataclass(frozen=True)
class AppPaths:
    """The folders and files of one Palaute installation (or one portable/test data folder)."""

    data_dir: Path
    log_dir: Path

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        """`--data-dir` wins, then $PALAUTE_DATA_DIR, then the platform's per-user folders.

        With an explicit folder everything (logs included) stays inside it, so a portable copy or a test
        never writes anywhere else.
        """
        chosen = data_dir or os.environ.get(DATA_DIR_ENV)
        if chosen:
            root = Path(chosen).expanduser().resolve()
            return cls(data_dir=root, log_dir=root / "logs")
        import platformdirs  # only needed for the default location

        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(data_dir=Path(dirs.user_data_dir), log_dir=Path(dirs.user_log_dir))

    def ensure(self) -> None:
        """Create the folders, readable by the user only; a failure here is reported by the caller in words."""
        private_dir(self.data_dir)
        private_dir(self.log_dir)
