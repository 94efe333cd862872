"""Settings: the hotkey, the default community, start at login and the language, each applied at once."""

from __future__ import annotations

import itertools
import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import PalauteError
from desktop.ui.account_row import AccountRow
from desktop.ui.communities_row import CommunitiesRow
from desktop.ui.widgets import ErrorLabel

log = logging.getLogger(__name__)
_PORTABLE = QKeySequence.SequenceFormat.PortableText
# Each language is named in itself, so a user who picked one they cannot read can still find their own.
LANGUAGE_NAMES = (("en", "English"), ("fi", "Suomi"), ("sv", "Svenska"), ("es", "Español"))


class SettingsWindow(QWidget):
    """Edits the store's settings; the hotkey is tried on the real GlobalHotkey before it is kept.

    Signals:
        hotkey_changed(str): a new hotkey was registered and saved.
        language_changed(str): the language setting changed ("system" or a code); the app reloads translations.
    """

    hotkey_changed = Signal(str)
    language_changed = Signal(str)

    def __init__(
        self,
        store: Any,
        hotkey: Any = None,
        autostart: Any = None,
        default_hotkey: str = "Ctrl+Alt+I",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("settingsWindow")
        self._store = store
        self._hotkey = hotkey
        self._autostart = autostart
        self._default_hotkey = default_hotkey
        self._loading = True
        self._build()
        self.retranslate()
        self.load()
        self._loading = False

    def _build(self) -> None:
        self.hotkey_edit = QKeySequenceEdit(self)
        self.hotkey_edit.setObjectName("hotkey")
        self.hotkey_edit.setMaximumSequenceLength(1)  # a global hotkey is one chord, never a sequence
        self.hotkey_reset = QPushButton(self)
        self.hotkey_reset.setObjectName("hotkeyReset")
        row = QHBoxLayout()
        row.addWidget(self.hotkey_edit, 1)
        row.addWidget(self.hotkey_reset)
        self.hotkey_message = ErrorLabel(self)
        self.hotkey_message.setObjectName("hotkeyMessage")
        self.community = QComboBox(self)
        self.community.setObjectName("defaultCommunity")
        self.start_at_login = QCheckBox(self)
        self.start_at_login.setObjectName("startAtLogin")
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem("", "system")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.message = ErrorLabel(self)
        self.message.setObjectName("message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

        self.account = AccountRow(self)
        self.communities = CommunitiesRow(self)
        self.labels = [QLabel(self) for _ in range(6)]
        form = QFormLayout()
        form.addRow(self.labels[0], row)
        form.addRow("", self.hotkey_message)
        form.addRow(self.labels[1], self.community)
        form.addRow(self.labels[2], self.start_at_login)
        form.addRow(self.labels[3], self.language)
        form.addRow(self.labels[4], self.account)
        form.addRow(self.labels[5], self.communities)
        for label, field in zip(
            self.labels,
            (
                self.hotkey_edit,
                self.community,
                self.start_at_login,
                self.language,
                self.account.sign_in,
                self.communities.list,
            ),
            strict=False,
        ):
            label.setBuddy(field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        order = (
            self.hotkey_edit,
            self.hotkey_reset,
            self.community,
            self.start_at_login,
            self.language,
            self.account.sign_in,
            self.account.sign_out,
            self.communities.list,
            self.close_button,
        )
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self.hotkey_edit.editingFinished.connect(self._on_hotkey_edited)
        self.hotkey_reset.clicked.connect(lambda: self.apply_hotkey(self._default_hotkey))
        self.community.currentIndexChanged.connect(self._on_community)
        self.start_at_login.toggled.connect(self._on_start_at_login)
        self.language.currentIndexChanged.connect(self._on_language)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Palaute — Settings"))
        texts = (
            self.tr("Capture &hotkey:"),
            self.tr("Default &community:"),
            self.tr("Start at lo&gin:"),
            self.tr("&Language:"),
            self.tr("&Server:"),
            self.tr("Co&mmunities:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.hotkey_edit.setAccessibleName(self.tr("Capture hotkey"))
        for inner in self.hotkey_edit.findChildren(QLineEdit):  # the part that really takes the focus
            inner.setAccessibleName(self.tr("Capture hotkey"))
        self.hotkey_edit.setAccessibleDescription(self.tr("Press the new key combination, for example Ctrl+Alt+I."))
        self.hotkey_reset.setText(self.tr("&Default"))
        self.hotkey_reset.setAccessibleName(self.tr("Use the default hotkey"))
        self.community.setAccessibleName(self.tr("Default community"))
        if self.community.count():
            self.community.setItemText(0, self.tr("The last one used"))
        self.start_at_login.setText(self.tr("Start Palaute when I log in"))
        self.start_at_login.setAccessibleName(self.tr("Start at login"))
        self.language.setAccessibleName(self.tr("Language"))
        self.language.setItemText(0, self.tr("System default"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close settings"))
        self.hotkey_message.setAccessibleName(self.tr("Hotkey message"))
        self.message.setAccessibleName(self.tr("Message"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self) -> None:
        """Show the stored values (also used when the window is opened again)."""
        self._loading = True
        settings = self._store.settings
        self.hotkey_edit.setKeySequence(QKeySequence.fromString(self._current_hotkey(), _PORTABLE))
        self.community.clear()
        self.community.addItem(self.tr("The last one used"), "")
        for community in self._store.communities():
            self.community.addItem(community.name, community.slug)
        self.community.setCurrentIndex(max(0, self.community.findData(settings.get("default_community"))))
        enabled = settings.get("start_at_login")
        if self._autostart is not None:
            try:
                enabled = self._autostart.enabled()
            except PalauteError as exc:
                self.message.show_error(exc.user_message)
        else:
            self.start_at_login.setEnabled(False)
        self.start_at_login.setChecked(bool(enabled))
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language"))))
        signed_in = self._store.sync.meta("device_id")
        self.account.set_account(
            self._store.sync.meta("username") if signed_in else None,
            self._store.sync.meta("server_url") if signed_in else None,
        )
        self.communities.set_communities(self._store.communities(), signed_in=bool(signed_in))
        self._loading = False

    def _current_hotkey(self) -> str:
        registered = self._hotkey.current() if self._hotkey is not None else None
        return registered or self._store.settings.get("hotkey")

    def show_hotkey_problem(self, text: str) -> None:
        self.hotkey_message.show_error(text)

    # --- applying --------------------------------------------------------------------------------------
    def _on_hotkey_edited(self) -> None:
        sequence = self.hotkey_edit.keySequence().toString(_PORTABLE)
        current = self._hotkey.current() if self._hotkey is not None else None
        if sequence and sequence != current:  # leaving the field unchanged saves nothing and says nothing
            self.apply_hotkey(sequence)

    def apply_hotkey(self, sequence: str) -> bool:
        """Register `sequence`; if another program has it, say so and keep (and show) the old key."""
        self.hotkey_message.clear_message()
        if self._hotkey is None:
            self.hotkey_message.show_error(self.tr("Global hotkeys are not available on this desktop."))
            return False
        try:
            self._hotkey.register(sequence)
        except PalauteError as exc:
            old = self._hotkey.current()
            self.hotkey_edit.setKeySequence(QKeySequence.fromString(old or "", _PORTABLE))
            kept = self.tr("The hotkey stays {key}.").format(key=old) if old else ""
            self.hotkey_message.show_error(f"{exc.user_message} {kept}".strip())
            return False
        current = self._hotkey.current() or sequence
        self.hotkey_edit.setKeySequence(QKeySequence.fromString(current, _PORTABLE))
        self._save("hotkey", current)
        self.hotkey_message.show_note(self.tr("Saved. Press {key} anywhere to capture an insight.").format(key=current))
        self.hotkey_changed.emit(current)
        return True

    def _on_community(self, _index: int) -> None:
        if not self._loading:
            self._save("default_community", self.community.currentData() or "")

    def _on_start_at_login(self, checked: bool) -> None:
        if self._loading or self._autostart is None:
            return
        try:
            self._autostart.set_enabled(checked)
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            self._loading = True
            self.start_at_login.setChecked(not checked)
            self._loading = False
            return
        self._save("start_at_login", checked)

    def _on_language(self, _index: int) -> None:
        if self._loading:
            return
        code = self.language.currentData()
        if self._save("language", code):
            self.language_changed.emit(code)

    def _save(self, name: str, value: Any) -> bool:
        try:
            self._store.settings.set(name, value)
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            return False
        self.message.clear_message()
        return True
