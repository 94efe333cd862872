"""Wayland global hotkey: the org.freedesktop.portal.GlobalShortcuts portal over the session bus.

The D-Bus talk uses jeepney (pure Python, already installed with keyring on Linux) on a connection whose
socket a QSocketNotifier watches. PySide6's QtDBus cannot marshal BindShortcuts' `a(sa{sv})` argument (it
has no way to register a struct type and aborts the process), so it cannot be used here.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections import deque
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from Xlib import XK

from desktop import APP_ID
from desktop.language import _
from desktop.platform.hotkey.base import GlobalHotkey
from desktop.platform.hotkey.errors import HotkeyUnavailable
from desktop.platform.hotkey.keyspec import KeySpec
from desktop.platform.hotkey.x11 import keysym_for

log = logging.getLogger(__name__)

PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS_IFACE = "org.freedesktop.portal.GlobalShortcuts"
SHORTCUT_ID = "capture"
CALL_TIMEOUT = 3.0  # seconds; CreateSession answers at once, only BindShortcuts may wait for the user


def fallback(key: str) -> str:
    """What to do instead, in the current language (built when raised, so a language chosen later counts)."""
    return _(
        "This desktop does not let apps register global shortcuts (it has no GlobalShortcuts portal). "
        "Open your desktop's keyboard settings, add a custom shortcut such as {key}, and set its command to: "
        "palaute capture --show"
    ).format(key=key)


_tokens = itertools.count(1)


def portal_trigger(spec: KeySpec) -> str:
    """The XDG shortcut text the portal expects, e.g. CTRL+ALT+i (modifiers, then an xkb keysym name)."""
    mods = [
        name for name, on in (("CTRL", spec.ctrl), ("ALT", spec.alt), ("SHIFT", spec.shift), ("LOGO", spec.meta)) if on
    ]
    keysym = keysym_for(spec.key)
    name = XK.keysym_to_string(keysym) if keysym else None
    return "+".join([*mods, name or spec.key_name])


class PortalHotkey(GlobalHotkey):
    """A shortcut bound through the portal; the desktop (and the user) confirm or change the actual key."""

    def __init__(self, parent: QObject | None = None, bus_address: str | None = None) -> None:
        super().__init__(parent)
        self._bus_address = bus_address or os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        self._conn: Any = None
        self._signals: deque = deque()
        self._notifier: QSocketNotifier | None = None
        self._pending: dict[str, str] = {}  # request path -> what it was for ("session" / "bind")
        self.bound_trigger: str | None = None  # what the desktop says the key is, once it answers
        self._app_id_sent = False

    def _connect(self) -> Any:
        if self._conn is not None:
            return self._conn
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import Proxy, open_dbus_connection

        try:
            conn = open_dbus_connection(bus=self._bus_address or "SESSION")
        except (OSError, KeyError, ValueError) as exc:
            no_bus = _("(No session bus: {reason}.)").format(reason=exc)
            raise HotkeyUnavailable(f"{fallback('Ctrl+Alt+I')} {no_bus}") from exc
        rule = MatchRule(type="signal")
        self._filter = conn.filter(rule, queue=self._signals)
        bus = Proxy(message_bus, conn, timeout=CALL_TIMEOUT)
        bus.AddMatch(MatchRule(type="signal", interface="org.freedesktop.portal.Request", member="Response"))
        bus.AddMatch(MatchRule(type="signal", interface=SHORTCUTS_IFACE, path=PORTAL_PATH))
        self._conn = conn
        self._notifier = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        return conn

    def _call(self, interface: str, method: str, signature: str, body: tuple, path: str = PORTAL_PATH) -> tuple:
        from jeepney import DBusAddress, new_method_call
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        msg = new_method_call(DBusAddress(path, PORTAL_NAME, interface), method, signature, body)
        try:
            return unwrap_msg(self._conn.send_and_get_reply(msg, timeout=CALL_TIMEOUT))
        except (DBusErrorResponse, TimeoutError) as exc:
            raise HotkeyUnavailable(f"{fallback('Ctrl+Alt+I')} ({exc})") from exc
        finally:
            # Signals read along with the reply sit in jeepney's buffer, where the socket notifier cannot see them.
            QTimer.singleShot(0, self._drain)

    def _request_path(self, token: str) -> str:
        sender = self._conn.unique_name.lstrip(":").replace(".", "_")
        return f"{PORTAL_PATH}/request/{sender}/{token}"

    def _grab(self, spec: KeySpec) -> Any:
        self._connect()
        try:
            self._call("org.freedesktop.DBus.Properties", "Get", "ss", (SHORTCUTS_IFACE, "version"))
        except HotkeyUnavailable as exc:
            raise HotkeyUnavailable(fallback(spec.text)) from exc
        self._register_app_id()
        session = self._create_session()
        token = f"palaute_bind_{os.getpid()}_{next(_tokens)}"
        self._pending[self._request_path(token)] = "bind"
        shortcut = (
            SHORTCUT_ID,
            {"description": ("s", "Capture an insight"), "preferred_trigger": ("s", portal_trigger(spec))},
        )
        # The answer may wait for the user to confirm in a desktop dialog: it arrives later as a signal.
        try:
            self._call(
                SHORTCUTS_IFACE,
                "BindShortcuts",
                "oa(sa{sv})sa{sv}",
                (session, [shortcut], "", {"handle_token": ("s", token)}),
            )
        except HotkeyUnavailable:
            self._ungrab(spec, session)
            raise
        return session

    def _register_app_id(self) -> None:
        """Tell the portal who we are (xdg-desktop-portal 1.19+): unsandboxed apps have no app id otherwise."""
        if self._app_id_sent:
            return
        self._app_id_sent = True
        try:
            self._call("org.freedesktop.host.portal.Registry", "Register", "sa{sv}", (APP_ID, {}))
        except HotkeyUnavailable as exc:  # older portals: they take the id from the .desktop file instead
            log.info("portal registry not available: %s", exc)

    def _create_session(self) -> str:
        token = f"palaute_{os.getpid()}_{next(_tokens)}"
        request = self._request_path(token)
        self._pending[request] = "session"
        options = {"handle_token": ("s", token), "session_handle_token": ("s", token)}
        self._call(SHORTCUTS_IFACE, "CreateSession", "a{sv}", (options,))
        # The session handle comes in the Request's Response signal; the portal sends it right away.
        answer = self._wait_response(request)
        code, results = answer
        if code != 0 or "session_handle" not in results:
            raise HotkeyUnavailable(
                _("The desktop refused a global shortcut session (response {code}).").format(code=code)
            )
        return str(results["session_handle"][1])

    def _wait_response(self, request: str) -> tuple[int, dict]:
        from jeepney import HeaderFields

        while True:
            for msg in list(self._signals):
                if msg.header.fields.get(HeaderFields.path) == request:
                    self._signals.remove(msg)
                    self._pending.pop(request, None)
                    return msg.body
            try:
                self._conn.recv_messages(timeout=CALL_TIMEOUT)
            except TimeoutError as exc:
                raise HotkeyUnavailable(_("The desktop did not answer the global shortcut request.")) from exc

    def _ungrab(self, spec: KeySpec, handle: Any) -> None:
        # Closing the session unbinds its shortcuts; there is no per-shortcut unbind in the portal.
        try:
            self._call("org.freedesktop.portal.Session", "Close", "", (), path=handle)
        except HotkeyUnavailable as exc:
            log.warning("Could not close the global shortcut session %s: %s", handle, exc)

    def _drain(self) -> None:
        """Read what the bus sent (non-blocking) and act on the portal's signals."""
        if self._conn is None:
            return
        try:
            while True:
                self._conn.recv_messages(timeout=0)
        except TimeoutError:
            pass
        except (OSError, ValueError) as exc:  # the bus went away
            log.warning("Session bus for the global shortcut closed: %s", exc)
            if self._notifier is not None:
                self._notifier.setEnabled(False)
            return
        while self._signals:
            self._handle_signal(self._signals.popleft())

    def _handle_signal(self, msg: Any) -> None:
        from jeepney import HeaderFields

        member, path = msg.header.fields.get(HeaderFields.member), msg.header.fields.get(HeaderFields.path)
        if member == "Activated" and msg.body[0] == self._handle and msg.body[1] == SHORTCUT_ID:
            self.activated.emit()
        elif member == "Response" and self._pending.pop(path, None) == "bind":
            code, results = msg.body
            triggers = [s[1].get("trigger_description", ("s", ""))[1] for s in results.get("shortcuts", ("", []))[1]]
            self.bound_trigger = triggers[0] if triggers else None
            log.info("Global shortcut bound by the desktop (response %s): %s", code, self.bound_trigger)

    def close(self) -> None:
        self.unregister()
        if self._conn is not None:
            if self._notifier is not None:
                self._notifier.setEnabled(False)
            self._conn.close()
            self._conn, self._notifier = None, None
