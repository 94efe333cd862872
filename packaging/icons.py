"""The installer icons (Windows .ico, macOS .icns), rendered from resources/icons/palaute.svg with Qt.

Run as `python packaging/icons.py OUT_DIR`; build.spec calls ensure_icons(), which runs this in a child
process so that Qt never starts inside PyInstaller.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "palaute.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZE = 1024  # Qt's ICNS writer derives every smaller size from this one


def ensure_icons(out_dir: Path) -> dict[str, Path]:
    """{"ico": path, "icns": path}, rendered again whenever the SVG is newer."""
    paths = {"ico": out_dir / "palaute.ico", "icns": out_dir / "palaute.icns"}
    if any(not p.exists() or p.stat().st_mtime < SVG.stat().st_mtime for p in paths.values()):
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        subprocess.run([sys.executable, __file__, str(out_dir)], check=True, env=env)
    return paths


def _render(size: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return image, bytes(data.data())


def write_ico(path: Path) -> None:
    """An ICO holding one PNG per size (Windows Vista and later read PNG entries)."""
    pngs = [_render(size)[1] for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries = b""
    for size, png in zip(ICO_SIZES, pngs, strict=True):
        side = 0 if size == 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    path.write_bytes(header + entries + b"".join(pngs))


def write_icns(path: Path) -> None:
    image, _png = _render(ICNS_SIZE)
    if not image.save(str(path), "ICNS"):
        raise SystemExit("Qt could not write the .icns (its imageformats/qicns plugin is missing)")


def main(argv: list[str]) -> int:
    from PySide6.QtGui import QGuiApplication

    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    _app = QGuiApplication.instance() or QGuiApplication(["icons"])
    write_ico(out / "palaute.ico")
    write_icns(out / "palaute.icns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
