"""The HTTP session sync uses: TLS verified against the OS trust store (plus an optional CA bundle), never off;
`abort()`, which ends its requests in flight from another thread; and `Cancel`, which does it for one call."""

from __future__ import annotations

import logging
import platform
import socket
import ssl
import threading
import weakref
from pathlib import Path
from typing import Any

import requests
import truststore
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection

from desktop import APP_NAME, __version__

# urllib3 warns "Failed to parse headers" for an answer cut in its head; the client reports that itself, in
# words (ConnectionLost), so the warning would only add a second, technical line on the command line.
logging.getLogger("urllib3.connection").setLevel(logging.ERROR)


class _AbortableAdapter(HTTPAdapter):
    """Remembers the connections it opens, so `abort()` can end a request that waits in another thread.

    Why: the pull loop spends its life in a 25 s long-poll, blocked in a socket read that nothing else wakes.
    Stopping sync (quitting, signing out, a new server) would wait for it, or leave it to answer later into a
    store that was signed out. Shutting the socket down wakes the read at once on every system (the request
    fails like a lost connection); a connection the pool hands out again after that is seen dropped and replaced.
    """

    def __init__(self) -> None:
        self._opened: weakref.WeakSet[HTTPConnection] = weakref.WeakSet()
        self._lock = threading.Lock()  # a set must not change while another thread copies it
        self._tracking: dict[type, type] = {}
        self._aborted = False
        super().__init__()

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):  # type: ignore[no-untyped-def]
        pool = super().get_connection_with_tls_context(request, verify, proxies, cert)
        if pool.ConnectionCls not in self._tracking.values():  # once per pool, before it opens a connection
            pool.ConnectionCls = self._tracking_class(pool.ConnectionCls)
        return pool

    def _tracking_class(self, base: type) -> type:
        if base not in self._tracking:
            adapter = self

            class Tracked(base):  # type: ignore[misc]
                def connect(self) -> None:
                    with adapter._lock:
                        adapter._opened.add(self)
                    super().connect()
                    if adapter._aborted:  # aborted while connecting: abort() may have found no socket yet
                        adapter._shut(self)

            self._tracking[base] = Tracked
        return self._tracking[base]

    def abort(self) -> None:
        """For good: a connection opened after this is shut at once too."""
        self._aborted = True  # before the loop, which a connection being opened now may miss
        with self._lock:
            opened = list(self._opened)
        for connection in opened:
            self._shut(connection)

    @staticmethod
    def _shut(connection: HTTPConnection) -> None:
        sock: Any = connection.sock
        if sock is not None:
            try:  # socket.socket's own shutdown: an SSL socket's would touch TLS state another thread reads
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except OSError:
                pass  # already closed


class _TrustStoreAdapter(_AbortableAdapter):
    """Uses one SSLContext built from the operating system's trust store for every HTTPS connection.

    A company's own CA (installed by IT in the OS store) therefore works without configuration. Whatever
    `verify` says (requests honours REQUESTS_CA_BUNDLE and verify=False), certificates are required.
    """

    def __init__(self, context: ssl.SSLContext) -> None:
        self._context = context
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["ssl_context"] = self._context
        return super().init_poolmanager(*args, **kwargs)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):  # type: ignore[no-untyped-def]
        host, pool = super().build_connection_pool_key_attributes(request, True, cert)
        pool.pop("ca_certs", None)
        pool.pop("ca_cert_dir", None)
        pool["ssl_context"] = self._context
        pool["cert_reqs"] = "CERT_REQUIRED"
        return host, pool


def tls_context(ca_bundle: str | Path | None = None) -> ssl.SSLContext:
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if ca_bundle:
        context.load_verify_locations(cafile=str(ca_bundle))
    return context


# Every session made here, so that quitting can end what waits on the network in any thread (`abort_all`).
_sessions: weakref.WeakSet[requests.Session] = weakref.WeakSet()
_sessions_lock = threading.Lock()


def make_session(ca_bundle: str | Path | None = None) -> requests.Session:
    session = requests.Session()
    with _sessions_lock:
        _sessions.add(session)
    session.mount("https://", _TrustStoreAdapter(tls_context(ca_bundle)))
    session.mount("http://", _AbortableAdapter())  # only to this computer (the demo's server): account.py
    session.headers["User-Agent"] = (
        f"{APP_NAME}/{__version__} ({platform.system()}; Python {platform.python_version()})"
    )
    session.headers["Accept"] = "application/json"
    return session


def abort(session: requests.Session) -> None:
    """End the session's requests in flight and any it starts later (they fail as a lost connection); safe from
    any thread. For a session that is done with: stopping sync."""
    for adapter in session.adapters.values():
        if isinstance(adapter, _AbortableAdapter):
            adapter.abort()


class Cancel(threading.Event):
    """A person's "Cancel" for one call that waits on the network (a sign-in), set from any thread.

    An event the call checks between its steps, as the single sign-on's wait does; and set() also ends at once
    the requests of the sessions the call has `watch`ed, which would otherwise hold it for up to 35 s (the
    timeouts) on a server that does not answer.
    """

    def __init__(self) -> None:
        super().__init__()
        self._sessions: list[requests.Session] = []
        self._guard = threading.Lock()

    def watch(self, session: requests.Session) -> None:
        with self._guard:
            self._sessions.append(session)
            cancelled = self.is_set()
        if cancelled:  # cancelled before the call got this far: its first request fails at once
            abort(session)

    def set(self) -> None:
        with self._guard:
            super().set()
            sessions = list(self._sessions)
        for session in sessions:
            abort(session)


def abort_all() -> None:
    """End every request in flight, in any thread, and any later one: for the app's exit. A background call
    waiting on a server that does not answer (a sign-in, the digest) would otherwise keep the process alive
    after its windows are gone, since Qt waits for its thread pool at exit (up to 35 s, the timeouts)."""
    with _sessions_lock:
        sessions = list(_sessions)
    for session in sessions:
        abort(session)
