"""Languages: the shipped .qm files load, the windows switch language live, every string is translated."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QLocale

from desktop.ui.capture_window import CaptureWindow
from desktop.ui.i18n import SUPPORTED, resolve_language
from desktop.ui.resources import resources_dir, translation_file
from desktop.ui.settings_window import SettingsWindow
from desktop.ui.tray import Tray


def test_finnish_strings_appear_with_language_fi(qtbot, translations, store):
    store.settings.set("language", "fi")
    assert translations.apply(store.settings.get("language")) == "fi"
    window = CaptureWindow()
    qtbot.addWidget(window)
    window.set_store(store)
    assert window.windowTitle() == "Palaute — Kirjaa havainto"
    assert window.save_button.text() == "&Tallenna (Ctrl+Enter)"
    assert window.impact.currentText() == "Keskitaso"
    assert window.text.accessibleName() == "Havainnon teksti"


def test_switching_language_retranslates_open_windows(qtbot, translations, store, qapp):
    window = CaptureWindow()
    qtbot.addWidget(window)
    window.set_store(store)
    settings = SettingsWindow(store)
    qtbot.addWidget(settings)
    tray = Tray()
    tray.set_hotkey_text("Ctrl+Alt+I")
    assert window.windowTitle() == "Palaute — Capture insight"
    translations.apply("sv")
    qapp.processEvents()  # LanguageChange is delivered through the event loop
    assert window.windowTitle() == "Palaute — Anteckna insikt"
    assert settings.windowTitle() == "Palaute — Inställningar"
    assert tray.capture_action.text() == "&Anteckna insikt…\tCtrl+Alt+I"
    translations.apply("es")
    qapp.processEvents()
    assert window.area.itemText(0) == "Sin indicar"
    assert tray.quit_action.text() == "&Salir de Palaute"
    translations.apply("en")
    qapp.processEvents()
    assert window.windowTitle() == "Palaute — Capture insight"


def test_plural_forms(qtbot, translations):
    translations.apply("en")  # English has a .qm too: it carries the plural forms
    tray = Tray()
    tray.set_unread(1)
    assert tray.icon.toolTip().endswith("1 unread reply")
    tray.set_unread(3)
    assert tray.icon.toolTip().endswith("3 unread replies")
    translations.apply("fi")
    tray.retranslate()
    assert tray.icon.toolTip().endswith("3 lukematonta vastausta")


@pytest.mark.parametrize(
    ("locale", "expected"), [("fi_FI", "fi"), ("sv_SE", "sv"), ("es_MX", "es"), ("de_DE", "en"), ("en_GB", "en")]
)
def test_system_language_is_followed(locale, expected):
    assert resolve_language("system", QLocale(locale)) == expected


def test_the_setting_overrides_the_system():
    assert resolve_language("sv", QLocale("fi_FI")) == "sv"


@pytest.mark.parametrize("language", [lang for lang in SUPPORTED if lang != "en"])
def test_every_string_is_translated(language):
    tree = ET.parse(resources_dir() / "translations" / f"palaute_{language}.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.getroot().iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert unfinished == []
    assert (
        translation_file(language).stat().st_mtime
        >= (resources_dir() / "translations" / f"palaute_{language}.ts").stat().st_mtime - 1
    )


@pytest.mark.parametrize("language", SUPPORTED)
def test_screenshots_of_the_windows_in_each_language(qtbot, translations, store, language):
    """Artifacts for a person to review the wording and layout: capture and settings windows per language."""
    import os
    from pathlib import Path

    folder = Path(os.environ.get("PALAUTE_ARTIFACTS") or Path(__file__).resolve().parents[2] / "artifacts")
    folder = folder / "screenshots" / "ui"
    folder.mkdir(parents=True, exist_ok=True)
    translations.apply(language)
    capture = CaptureWindow()
    qtbot.addWidget(capture)
    capture.set_store(store)
    capture.message.show_error(capture.tr("The insight is empty. Type what the customer said, then save."))
    settings = SettingsWindow(store)
    qtbot.addWidget(settings)
    settings.resize(560, 300)
    for name, window in (("capture", capture), ("settings", settings)):
        path = folder / f"{name}-{language}.png"
        assert window.grab().save(str(path))
        assert path.stat().st_size > 1000
