"""`palaute --self-test` (the frozen app, through packaging/palaute_entry.py): start the real app on a throw-away
data folder and check every shipped part loads."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPORT_ENV = "PALAUTE_SELF_TEST_REPORT"  # also write the verdict to this file
STORE_TIMEOUT_S = 30.0
LANGUAGES = ("en", "fi", "sv", "es")
QT_OWN_LANGUAGES = ("fi", "sv", "es")  # qtbase ships no English catalogue: English is Qt's source text
ICON_STEMS = ("palaute", "palaute-idle", "palaute-offline", "palaute-syncing", "palaute-error")
ICON_SIZES = (16, 22, 32, 48, 64)


def run_self_test(app_class: Any) -> int:
    """0 when the app starts, opens its store, builds its windows and finds its resources; else 1.

    `app_class` is `desktop.app.PalauteApp`, passed in by the entry point: desktop.app wires desktop.ui, so
    desktop.ui importing it back would be a cycle."""
    problems: list[str] = []
    _headless_fallback()
    with tempfile.TemporaryDirectory(prefix="palaute-selftest-") as folder:
        _check(problems, "the Python packages", _check_packages)
        _check(problems, "the Qt application", lambda: _check_app(app_class, Path(folder), problems))
    if problems:
        _report("\n".join(["Palaute self-test FAILED:", *(f"  - {problem}" for problem in problems)]), failed=True)
        return 1
    _report(f"Palaute self-test passed ({_describe_build()}).", failed=False)
    return 0


def _report(text: str, *, failed: bool) -> None:
    # A windowed Windows build has no console (sys.stdout is None): CI reads the report from a file instead.
    stream = sys.stderr if failed else sys.stdout
    if stream is not None:
        print(text, file=stream)
    report_file = os.environ.get(REPORT_ENV)
    if report_file:
        Path(report_file).write_text(text + "\n", encoding="utf-8")


def _headless_fallback() -> None:
    # A server or CI runner has no display: the self-test still checks everything but the screen itself.
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _check(problems: list[str], what: str, step: Callable[[], None]) -> None:
    # One broken part must not hide the others: every step reports, then the verdict.
    try:
        step()
    except Exception as exc:  # the self-test's job is to say what is broken, whatever it is
        problems.append(f"{what}: {type(exc).__name__}: {exc}")


def _describe_build() -> str:
    from PySide6.QtGui import QGuiApplication

    from desktop import __version__

    kind = "frozen" if getattr(sys, "frozen", False) else "from source"
    return (
        f"version {__version__}, {kind}, Python {sys.version.split()[0]}, Qt platform {QGuiApplication.platformName()}"
    )


def _check_packages() -> None:
    """The modules imported lazily (first sync, first masked phone number) are in the bundle and work."""
    from importlib.metadata import entry_points

    if not entry_points(group="keyring.backends"):
        raise RuntimeError("keyring's backend list (package metadata) is missing")
    import keyring.backend

    keyring.backend.get_all_keyring()  # imports every backend module the metadata names
    from desktop.sync.http import make_session
    from privacy import PiiKind, find_pii

    make_session().close()  # truststore + requests + ssl
    found = {finding.kind for finding in find_pii("IBAN FI21 1234 5600 0007 85, call me on +358 40 1234567")}
    for kind, package in ((PiiKind.IBAN, "python-stdnum"), (PiiKind.PHONE, "phonenumbers")):
        if kind not in found:
            raise RuntimeError(f"the privacy guard found no {kind.value} ({package} or its data is missing)")
    from similarity.stems import word_stems

    if not word_stems("maksut") & word_stems("maksu"):  # duplicate hints stem with PyStemmer's C extension
        raise RuntimeError("the duplicate hints' stemmer (PyStemmer) does not stem Finnish")


def _check_app(app_class: Any, folder: Path, problems: list[str]) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop import APP_ID, APP_NAME
    from desktop.paths import AppPaths

    QApplication.setApplicationName(APP_NAME)
    QApplication.setDesktopFileName(APP_ID)
    qapp = QApplication.instance() or QApplication([sys.argv[0]])
    paths = AppPaths.resolve(folder)
    paths.ensure()
    palaute = app_class(qapp, paths)
    try:
        _check(problems, "the local store", lambda: _wait_for_store(qapp, palaute))
        _check(problems, "the windows", lambda: _open_windows(qapp, palaute))
        _check(problems, "the icons", _check_icons)
        _check(problems, "the translations", lambda: _check_translations(qapp, palaute))
        _check(problems, "the Unicode data (ICU)", _check_icu)
    finally:
        palaute.shutdown()
        for window in (palaute.capture, palaute.settings_window, palaute.inbox_window, palaute.fallback):
            if window is not None:
                window.close()
        qapp.processEvents()


def _wait_for_store(qapp: Any, palaute: Any) -> None:
    palaute.open_store()  # signed out and in a tray, the app would wait for the first capture
    deadline = time.monotonic() + STORE_TIMEOUT_S
    while palaute.store is None and palaute.loader.error is None and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.01)
    qapp.processEvents()
    if palaute.store is None:
        raise RuntimeError(palaute.loader.error or f"not open after {STORE_TIMEOUT_S:.0f} s")
    palaute.store.settings.get("language")  # a read through the migrated schema


def _open_windows(qapp: Any, palaute: Any) -> None:
    palaute.show_capture()
    palaute.show_settings()
    palaute.show_inbox()
    qapp.processEvents()
    missing = [name for name in ("capture", "settings_window", "inbox_window") if getattr(palaute, name) is None]
    if missing:
        raise RuntimeError(f"not built: {', '.join(missing)}")
    if palaute.tray.icon.icon().isNull():
        raise RuntimeError("the tray icon has no picture")


def _check_icons() -> None:
    from PySide6.QtGui import QPixmap

    from desktop.ui.resources import icon_file

    bad = [
        icon_file(stem, size)
        for stem in ICON_STEMS
        for size in ICON_SIZES
        if QPixmap(str(icon_file(stem, size))).isNull()
    ]
    if bad:
        raise RuntimeError(f"{len(bad)} icon(s) missing or unreadable, e.g. {bad[0]}")


def _check_translations(qapp: Any, palaute: Any) -> None:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from desktop.ui.resources import translation_file

    missing = [
        str(translation_file(lang)) for lang in LANGUAGES if not _loads(QTranslator(), str(translation_file(lang)))
    ]
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    missing += [
        f"{qt_dir}/qtbase_{lang}.qm" for lang in QT_OWN_LANGUAGES if not _loads(QTranslator(), f"qtbase_{lang}", qt_dir)
    ]
    if missing:
        raise RuntimeError(f"cannot load {', '.join(missing)}")
    # The whole chain: switching language must change what the tray menu says.
    palaute.translations.apply("en")
    qapp.processEvents()
    english = palaute.tray.capture_action.text()
    palaute.translations.apply("fi")
    qapp.processEvents()
    finnish = palaute.tray.capture_action.text()
    if english == finnish:
        raise RuntimeError(f"the tray menu still says {english!r} in Finnish")


def _loads(translator: Any, name: str, folder: str = "") -> bool:
    return bool(translator.load(name, folder) if folder else translator.load(name)) and not translator.isEmpty()


def _check_icu() -> None:
    """Finnish sorting and time-zone names come from ICU's data, which the Linux bundle trims."""
    from PySide6.QtCore import QByteArray, QCollator, QLocale, QTimeZone

    if QCollator(QLocale("fi")).compare("ä", "z") <= 0:  # Finnish sorts ä after z; the root order puts it by a
        raise RuntimeError("no Finnish collation (ICU coll/fi)")
    name = QTimeZone(QByteArray(b"Europe/Helsinki")).displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("fi")
    )
    if not name or name.startswith(("GMT", "UTC")):
        raise RuntimeError(f"no Finnish time-zone names (ICU zone/fi): {name!r}")
