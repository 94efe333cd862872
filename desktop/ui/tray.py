"""The tray icon and its menu; the icon shows the sync state and the number of unread replies."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop.ui.icons import TrayState, state_icon


class Tray(QObject):
    """Owns the QSystemTrayIcon. The app connects the request signals; nothing here knows the store.

    Signals:
        capture_requested, inbox_requested, settings_requested, quit_requested, sync_now_requested:
            the user picked that menu entry (a left click on the icon also asks for the capture window).
        pause_sync_toggled(bool): the user paused (True) or resumed (False) sync.
    """

    capture_requested = Signal()
    inbox_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()
    sync_now_requested = Signal()
    pause_sync_toggled = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = TrayState.IDLE
        self.unread = 0
        self.hotkey_text: str | None = None
        self.icon = QSystemTrayIcon(state_icon(self.state), self)
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.capture_action = self._action(self.capture_requested)
        self.inbox_action = self._action(self.inbox_requested)
        self.menu.addSeparator()
        self.sync_now_action = self._action(self.sync_now_requested)
        self.pause_action = QAction(self.menu)
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self.pause_sync_toggled)
        self.menu.addAction(self.pause_action)
        self.menu.addSeparator()
        self.settings_action = self._action(self.settings_requested)
        self.quit_action = self._action(self.quit_requested)
        self.set_sync_available(False)  # enabled by the sync issue once there is a server to talk to
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.menu.installEventFilter(self)  # a QMenu gets LanguageChange; this object would not
        self.retranslate()

    def _action(self, signal: Signal) -> QAction:
        action = QAction(self.menu)
        action.triggered.connect(signal)
        self.menu.addAction(action)
        return action

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def set_state(self, state: TrayState) -> None:
        self.state = state
        self._refresh_icon()

    def set_unread(self, count: int) -> None:
        self.unread = max(0, count)
        self._refresh_icon()

    def set_hotkey_text(self, text: str | None) -> None:
        self.hotkey_text = text
        self.retranslate()

    def set_sync_available(self, available: bool) -> None:
        self.sync_now_action.setEnabled(available)
        self.pause_action.setEnabled(available)

    def notify(self, title: str, text: str, error: bool = False) -> None:
        kind = QSystemTrayIcon.MessageIcon.Warning if error else QSystemTrayIcon.MessageIcon.Information
        self.icon.showMessage(title, text, kind, 10_000)

    def retranslate(self) -> None:
        capture = self.tr("&Capture insight…")
        # The tab puts the hotkey in the menu's shortcut column, where the user looks for it.
        self.capture_action.setText(f"{capture}\t{self.hotkey_text}" if self.hotkey_text else capture)
        self.inbox_action.setText(self.tr("Open &inbox"))
        self.sync_now_action.setText(self.tr("S&ync now"))
        self.pause_action.setText(self.tr("&Pause sync"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit Palaute"))
        self.menu.setAccessibleName(self.tr("Palaute menu"))
        self._refresh_icon()

    def _refresh_icon(self) -> None:
        self.icon.setIcon(state_icon(self.state, self.unread))
        self.icon.setToolTip(self._tooltip())

    def _tooltip(self) -> str:
        states = {
            TrayState.IDLE: self.tr("Palaute"),
            TrayState.OFFLINE: self.tr("Palaute — offline, insights are kept on this computer"),
            TrayState.SYNCING: self.tr("Palaute — syncing"),
            TrayState.ERROR: self.tr("Palaute — sync problem, see the inbox"),
        }
        text = states[self.state]
        if self.unread:
            text += "\n" + self.tr("%n unread reply(s)", "", self.unread)
        return text

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.capture_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.menu and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
