"""Regenerate the shipped resources: PNG renders of the SVG icons and compiled translations.

Run from the repository root: `.venv/bin/python resources/build.py [--update-ts]`.
--update-ts first re-extracts the strings from the sources: the windows' into the .ts files
(pyside6-lupdate), the command line's into translations/cli/<lang>.po (Babel), keeping the translations
already there; then every .ts is compiled to .qm (pyside6-lrelease) and every .po to .mo (Babel).
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


CLI_KEYWORDS = {"_": None, "n_": (1, 2)}
# argparse's own words ("usage: ", "error: " …), asked of the global gettext domain: see argparse_words() in
# desktop/language.py. Its msgids are those of the Python that runs this build (the one the app ships with).
ARGPARSE_KEYWORDS = {"_": None, "ngettext": (1, 2)}


def cli_sources() -> list[str]:
    """Every core module (the command line's messages and the errors both the CLI and the windows show), and
    the digest's words; desktop/ui speaks through Qt's .ts files instead."""
    core = [p for p in sorted((ROOT / "desktop").rglob("*.py")) if "ui" not in p.relative_to(ROOT / "desktop").parts]
    return [str(p.relative_to(ROOT)) for p in core] + ["protocol/digest.py"]


def update_po() -> None:
    """Re-extract the command line's strings into each language's .po, keeping what is translated."""
    import argparse

    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po, write_po

    template = Catalog(project="Palaute", charset="utf-8")
    for source in cli_sources():
        for line, message, comments, _context in extract_from_file("python", str(ROOT / source), CLI_KEYWORDS):
            template.add(message, locations=[(source, line)], auto_comments=comments)
    for line, message, comments, _context in extract_from_file("python", argparse.__file__, ARGPARSE_KEYWORDS):
        template.add(message, locations=[("argparse.py", line)], auto_comments=comments)
    folder = HERE / "translations" / "cli"
    folder.mkdir(exist_ok=True)
    for lang in LANGUAGES[1:]:
        po = folder / f"{lang}.po"
        if po.exists():
            with po.open("rb") as f:
                catalog = read_po(f, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="Palaute", charset="utf-8")
        created = catalog.creation_date
        catalog.update(template, no_fuzzy_matching=True)
        catalog.creation_date = created  # unchanged strings leave the file unchanged
        catalog.obsolete.clear()
        catalog.fuzzy = False  # the header: a fuzzy one would be left out of the .mo, plural rule and all
        with po.open("wb") as f:
            write_po(f, catalog, omit_header=False, no_location=True, sort_output=True, width=120)


def compile_mo() -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted((HERE / "translations" / "cli").glob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.stem)
        out = po.parent / po.stem / "LC_MESSAGES" / "palaute_cli.mo"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as f:
            write_mo(f, catalog)


def compile_qm() -> None:
    for ts in sorted((HERE / "translations").glob("palaute_*.ts")):
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def main(argv: list[str]) -> int:
    if "--update-ts" in argv:
        update_ts()
        update_po()
    render_icons()
    compile_qm()
    compile_mo()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
