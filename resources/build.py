"""Regenerate the shipped resources: PNG renders of the SVG icons and compiled translations (.qm).

Run from the repository root: `.venv/bin/python resources/build.py [--update-ts]`.
--update-ts first re-extracts the strings from the sources into the .ts files (pyside6-lupdate), keeping
the translations already there; then every .ts is compiled to .qm (pyside6-lrelease).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = (16, 22, 32, 48, 64)
LANGUAGES = ("en", "fi", "sv", "es")


def render_icons() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["build", "-platform", "offscreen"])
    out = HERE / "icons" / "png"
    out.mkdir(exist_ok=True)
    for svg in sorted((HERE / "icons").glob("*.svg")):
        renderer = QSvgRenderer(str(svg))
        for size in SIZES:
            image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.end()
            image.save(str(out / f"{svg.stem}-{size}.png"))


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    which = shutil.which(name)
    if not which:
        raise SystemExit(f"{name} is not installed (it comes with PySide6-Essentials).")
    return which


def update_ts() -> None:
    sources = [str(p) for p in sorted((ROOT / "desktop" / "ui").rglob("*.py"))] + [str(ROOT / "desktop" / "app.py")]
    for lang in LANGUAGES:
        ts = HERE / "translations" / f"palaute_{lang}.ts"
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *sources,
                "-target-language",
                lang,
                "-ts",
                str(ts),
            ],
            check=True,
        )


def compile_qm() -> None:
    for ts in sorted((HERE / "translations").glob("palaute_*.ts")):
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def main(argv: list[str]) -> int:
    if "--update-ts" in argv:
        update_ts()
    render_icons()
    compile_qm()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
