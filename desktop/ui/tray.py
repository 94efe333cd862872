"""The tray icon and its menu; the icon shows the sync state and unread replies, the tooltip the details."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop.ui.icons import TrayState, state_icon

BALLOON_MS = 10_000  # how long a notification stays on screen


class Tray(QObject):
    """Owns the QSystemTrayIcon. The app connects the request signals; nothing here knows the store.

    Signals:
        capture_requested, inbox_requested, digest_requested, settings_requested, quit_requested,
        sync_now_requested: the user picked that menu entry (a left click on the icon asks for the capture
            window, or with unread replies, `unread_requested()`: the newest one's thread).
        pause_sync_toggled(bool): the user paused (True) or resumed (False) sync.
    """

    BALLOON_MS = BALLOON_MS
    capture_requested = Signal()
    inbox_requested = Signal()
    unread_requested = Signal()
    digest_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()
    sync_now_requested = Signal()
    pause_sync_toggled = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = TrayState.IDLE
        self.unread = 0
        self.hotkey_text: str | None = None
        self.account: str | None = None  # "anna on palaute.example.com" while signed in
        self.last_sync: datetime | None = None
        self.waiting = 0  # changes not yet sent
        self._details_known = False  # until sync has started, the tooltip says nothing about the account
        self.icon = QSystemTrayIcon(state_icon(self.state), self)
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.capture_action = self._action(self.capture_requested)
        self.inbox_action = self._action(self.inbox_requested)
        self.digest_action = self._action(self.digest_requested)
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
        self.digest_action.setEnabled(available)

    def set_details(self, account: str | None, last_sync: datetime | None, waiting: int) -> None:
        """What the tooltip tells besides the state: who is signed in where, the last sync, what waits."""
        if (account, last_sync, waiting) != (self.account, self.last_sync, self.waiting) or not self._details_known:
            self.account, self.last_sync, self.waiting = account, last_sync, max(0, waiting)
            self._details_known = True
            self.icon.setToolTip(self._tooltip())

    def notify(self, title: str, text: str, error: bool = False) -> None:
        kind = QSystemTrayIcon.MessageIcon.Warning if error else QSystemTrayIcon.MessageIcon.Information
        self.icon.showMessage(title, text, kind, BALLOON_MS)

    def retranslate(self) -> None:
        capture = self.tr("&Capture insight…")
        # The tab puts the hotkey in the menu's shortcut column, where the user looks for it.
        self.capture_action.setText(f"{capture}\t{self.hotkey_text}" if self.hotkey_text else capture)
        self.inbox_action.setText(self.tr("Open &inbox"))
        self.digest_action.setText(self.tr("Weekly &digest…"))
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
        lines = [states[self.state]]
        if self.account:
            lines.append(self.tr("Signed in as %1").replace("%1", self.account))
        elif self._details_known:
            lines.append(self.tr("Not signed in: insights stay on this computer"))
        if self.last_sync is not None:
            lines.append(self.tr("Last sync: %1").replace("%1", _when(self.last_sync)))
        if self.waiting:
            lines.append(self.tr("%n change(s) waiting to be sent", "", self.waiting))
        if self.unread:
            lines.append(self.tr("%n unread reply(s)", "", self.unread))
        return "\n".join(lines)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            (self.unread_requested if self.unread else self.capture_requested).emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.menu and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def _when(moment: datetime) -> str:
    """Today's time alone, else date and time, in the interface language's own format."""
    from PySide6.QtCore import QDateTime, QLocale

    local = moment.astimezone()
    when = QDateTime.fromSecsSinceEpoch(int(local.timestamp()))
    locale = QLocale()
    if local.date() == datetime.now().astimezone().date():
        return locale.toString(when.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(when, QLocale.FormatType.ShortFormat)
