"""The Linux bundle, built once per test session (or taken from $PALAUTE_BUNDLE_ARCHIVE) and unpacked."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE_ENV = "PALAUTE_BUNDLE_ARCHIVE"  # CI builds once with packaging/linux/build.sh and passes the archive here
BUILD_TIMEOUT_S = 480  # ~1-2 min with PyInstaller's cache warm, up to ~4 min cold on 2 busy cores
# The first test that asks for the bundle pays for the build inside its own time limit.
SLOW_TIMEOUT = pytest.mark.timeout(BUILD_TIMEOUT_S + 120)


def load_packaging_module(name: str):  # type: ignore[no-untyped-def]
    """packaging/<name>.py by path: a `packaging` package would shadow the PyPI library of that name."""
    spec = importlib.util.spec_from_file_location(f"palaute_{name}", ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Bundle:
    """The archive and the folder it unpacked to (…/Palaute, holding the `palaute` executable)."""

    archive: Path
    folder: Path

    @property
    def executable(self) -> Path:
        return self.folder / "palaute"

    @property
    def internal(self) -> Path:
        return self.folder / "_internal"


def _build(out: Path) -> Path:
    env = {**os.environ, "DIST": str(out / "dist"), "WORK": str(out / "work"), "PYTHON": sys.executable}
    result = subprocess.run(
        [str(ROOT / "packaging" / "linux" / "build.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    assert result.returncode == 0, f"build.sh failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    archives = sorted((out / "dist").glob("palaute-*-linux-*.tar.gz"))
    assert len(archives) == 1, f"expected one archive, found {archives}"
    return archives[0]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    given = os.environ.get(ARCHIVE_ENV)
    archive = Path(given) if given else _build(tmp_path_factory.mktemp("bundle-build"))
    unpacked = tmp_path_factory.mktemp("bundle")
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="tar")  # as a user would unpack it: modes kept, nothing outside
    return Bundle(archive=archive, folder=unpacked / "Palaute")


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """A machine without Python: no virtualenv on PATH, no PYTHONPATH, a fresh home."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "XDG_RUNTIME_DIR": str(home)}
    env.update(extra)
    return env
