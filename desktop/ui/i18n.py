"""Interface language: the system's, or the one chosen in Settings, through Qt's translators."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.ui.resources import translation_file

log = logging.getLogger(__name__)
SUPPORTED = ("en", "fi", "sv", "es")


def resolve_language(setting: str | None, system: QLocale | None = None) -> str:
    """ "fi"/"sv"/"es"/"en" as chosen; for "system" the first supported language the user's locale lists."""
    if setting in SUPPORTED:
        return setting
    locale = system or QLocale.system()
    for name in locale.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return "en"


class Translations:
    """Owns the installed translators; apply() swaps them, which sends LanguageChange to every widget."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, setting: str | None) -> str:
        language = resolve_language(setting)
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        QLocale.setDefault(QLocale(language))
        ours = QTranslator()
        if ours.load(str(translation_file(language))):
            self._install(app, ours)
        elif language != "en":
            log.warning("no translation file for %s; showing English", language)
        qt_own = QTranslator()  # Qt's standard buttons and dialogs, where Qt ships them
        if language != "en" and qt_own.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            self._install(app, qt_own)
        self.language = language
        from desktop.language import use

        use(language)  # what the windows write in files (the digest's Markdown) speaks the same language
        return language

    def _install(self, app: QCoreApplication, translator: QTranslator) -> None:
        app.installTranslator(translator)
        self._installed.append(translator)
