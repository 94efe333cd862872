"""A stand-in xdg-desktop-portal GlobalShortcuts service on a private session bus (jeepney, own thread)."""

from __future__ import annotations

import queue
import threading
from typing import Any

from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import Proxy, open_dbus_connection

PORTAL_PATH = "/org/freedesktop/portal/desktop"
IFACE = "org.freedesktop.portal.GlobalShortcuts"


class FakePortal(threading.Thread):
    """Answers CreateSession/BindShortcuts like the real portal (replies, then Response signals)."""

    def __init__(self, address: str) -> None:
        super().__init__(daemon=True)
        self.conn = open_dbus_connection(bus=address)
        Proxy(message_bus, self.conn).RequestName("org.freedesktop.portal.Desktop")
        self.bound: list[tuple] = []  # (session, shortcuts) per BindShortcuts call
        self.closed: list[str] = []
        self.registered: list[str] = []  # app ids given to the host registry
        self._sessions = 0
        self._commands: queue.Queue = queue.Queue()
        self._halt = threading.Event()

    def fire(self, session: str, shortcut_id: str) -> None:
        self._commands.put(("Activated", session, shortcut_id))

    def stop(self) -> None:
        self._halt.set()
        self.join(5)
        self.conn.close()

    def run(self) -> None:
        while not self._halt.is_set():
            while not self._commands.empty():
                _, session, shortcut_id = self._commands.get()
                emitter = DBusAddress(PORTAL_PATH, interface=IFACE)
                self.conn.send(new_signal(emitter, "Activated", "osta{sv}", (session, shortcut_id, 0, {})))
            try:
                msg = self.conn.receive(timeout=0.05)
            except TimeoutError:
                continue
            if msg.header.message_type == MessageType.method_call:
                self._answer(msg)

    def _request(self, msg: Any, token: str) -> str:
        sender = msg.header.fields[HeaderFields.sender].lstrip(":").replace(".", "_")
        return f"{PORTAL_PATH}/request/{sender}/{token}"

    def _respond(self, request: str, results: dict) -> None:
        emitter = DBusAddress(request, interface="org.freedesktop.portal.Request")
        self.conn.send(new_signal(emitter, "Response", "ua{sv}", (0, results)))

    def _answer(self, msg: Any) -> None:
        member = msg.header.fields.get(HeaderFields.member)
        body = msg.body
        if member == "Get" and body == (IFACE, "version"):
            self.conn.send(new_method_return(msg, "v", (("u", 1),)))
        elif member == "Register":
            self.registered.append(body[0])
            self.conn.send(new_method_return(msg))
        elif member == "CreateSession":
            request = self._request(msg, body[0]["handle_token"][1])
            self._sessions += 1
            session = f"{PORTAL_PATH}/session/fake/s{self._sessions}"
            self.conn.send(new_method_return(msg, "o", (request,)))
            self._respond(request, {"session_handle": ("s", session)})
        elif member == "BindShortcuts":
            session, shortcuts, _parent, options = body
            self.bound.append((session, shortcuts))
            request = self._request(msg, options["handle_token"][1])
            self.conn.send(new_method_return(msg, "o", (request,)))
            described = [
                (sid, {"trigger_description": ("s", props["preferred_trigger"][1])}) for sid, props in shortcuts
            ]
            self._respond(request, {"shortcuts": ("a(sa{sv})", described)})
        elif member == "Close":
            self.closed.append(msg.header.fields[HeaderFields.path])
            self.conn.send(new_method_return(msg))
        else:
            self.conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))
