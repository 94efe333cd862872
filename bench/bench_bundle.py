"""The Linux bundle: folder and archive size, and start of the frozen app to tray ready (own Xvfb + trayer).

Uses dist/Palaute and its archive when present (`packaging/linux/build.sh`), else builds them first;
`--build` always rebuilds. Cold = after emptying the page cache (only where allowed, e.g. as root).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_desktop import drop_caches, start_trayer
from bench.figures import Figure, p50_p95, print_figures
from tests.xvfb.xvfb_support import XSession, start_session, stop_process

REPO = Path(__file__).resolve().parents[1]
DIST = REPO / "dist"
MIB = 1024 * 1024
WARM_TRIALS = 10
COLD_TRIALS = 3
READY_TIMEOUT_S = 30


def bundle(rebuild: bool) -> tuple[Path, Path]:
    archives = sorted(DIST.glob("palaute-*-linux-*.tar.gz"))
    if rebuild or not (DIST / "Palaute" / "palaute").exists() or not archives:
        subprocess.run(
            [str(REPO / "packaging" / "linux" / "build.sh")],
            cwd=REPO,
            check=True,
            env={**os.environ, "PYTHON": sys.executable},
        )
        archives = sorted(DIST.glob("palaute-*-linux-*.tar.gz"))
    return DIST / "Palaute", max(archives, key=lambda p: p.stat().st_mtime)


def folder_bytes(folder: Path) -> int:
    """Bytes of the regular files (symlinks count once, as the files they point to)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def start_to_ready(executable: Path, session: XSession, data_dir: Path) -> float:
    """Milliseconds from spawning the frozen app to the moment it touches $PALAUTE_READY_FILE."""
    ready = data_dir.with_suffix(".ready")
    ready.unlink(missing_ok=True)
    env = {**session.env, "PALAUTE_READY_FILE": str(ready), "PALAUTE_DATA_DIR": str(data_dir)}
    began = time.perf_counter()
    proc = subprocess.Popen([str(executable)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not ready.exists():
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited with {proc.returncode} before it was ready")
            if time.perf_counter() - began > READY_TIMEOUT_S:
                raise RuntimeError("the app was not ready in time")
            time.sleep(0.002)
        return (time.perf_counter() - began) * 1000
    finally:
        proc.send_signal(signal.SIGTERM)  # the app flushes and quits on SIGTERM, like at logout
        stop_process(proc)


def main(argv: list[str]) -> int:
    folder, archive = bundle("--build" in argv)
    figures = [
        Figure("bundle folder size", folder_bytes(folder) / MIB, "MiB", "<= 120 MiB"),
        Figure(f"bundle archive size ({archive.name})", archive.stat().st_size / MIB, "MiB", "<= 50 MiB"),
    ]
    session = start_session()
    trayer = start_trayer(session)
    try:
        with tempfile.TemporaryDirectory(prefix="palaute-bench-bundle-") as tmp:
            data = Path(tmp) / "data"
            start_to_ready(folder / "palaute", session, data)  # first run creates the database: not counted
            cold = []
            for _ in range(COLD_TRIALS):
                if drop_caches() is None:
                    break
                cold.append(start_to_ready(folder / "palaute", session, data))
            warm = [start_to_ready(folder / "palaute", session, data) for _ in range(WARM_TRIALS)]
    finally:
        stop_process(trayer)
        session.stop()
    if cold:
        figures.append(
            Figure(
                "frozen app start to tray ready, cold (page cache emptied), p50", p50_p95(cold)[0], "ms", "<= 700 ms"
            )
        )
    p50, p95 = p50_p95(warm)
    figures += [
        Figure("frozen app start to tray ready, warm, p50", p50, "ms", "<= 700 ms"),
        Figure("frozen app start to tray ready, warm, p95", p95, "ms", ""),
    ]
    print_figures("Linux bundle (PyInstaller onedir)", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
