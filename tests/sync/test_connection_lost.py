"""A connection that drops (closed, reset, cut mid-answer, silent) is told as such, not as a wrong address.

Real sockets on loopback: each server below accepts the desktop's connection, reads its request and then
fails in one way; the real API client (and once the real CLI) must say the connection was lost and that it
will try again, never "does not answer like a Palaute server … check the server address".
"""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from desktop.sync import client as client_module
from desktop.sync.client import ApiClient
from desktop.sync.errors import ConnectionLost, Offline
from desktop.sync.http import make_session
from desktop.sync.proof import DeviceKey
from tests.support.server_process import REPO

WRONG_ADDRESS = "does not answer like a Palaute server"


def _close(conn: socket.socket) -> None:
    pass  # accepted, request read, closed without a word


def _reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close sends RST


def _cut_in_headers(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Pala")


def _cut_after_status(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\n")


def _cut_in_body(conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Palaute-Protocol: 2\r\n"
        b"Content-Length: 400\r\n\r\n" + b'{"access_token": "'
    )


def _silent(conn: socket.socket) -> None:
    threading.Event().wait(5)  # answers nothing until the client's read timeout


@contextmanager
def failing_server(behave: Callable[[socket.socket], None]) -> Iterator[str]:
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(10)
                try:
                    conn.recv(65536)
                    behave(conn)
                except OSError:
                    pass

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


def sign_in_at(url: str) -> None:
    ApiClient(url, make_session()).login("rita", "pw", "laptop", DeviceKey.generate())


@pytest.mark.parametrize(
    "behave", [_close, _reset, _cut_in_headers, _cut_after_status, _cut_in_body], ids=lambda f: f.__name__[1:]
)
def test_a_dropped_connection_says_it_was_lost_and_will_be_retried(behave):
    with failing_server(behave) as url, pytest.raises(ConnectionLost) as caught:
        sign_in_at(url)
    message = str(caught.value)
    assert "connection to the Palaute server" in message and "was lost" in message, message
    assert "try again" in message and WRONG_ADDRESS not in message and "Check the server address" not in message
    assert isinstance(caught.value, Offline)  # retried with back-off and shown as offline, like any outage


def test_a_server_that_stops_answering_says_it_did_not_answer_in_time(monkeypatch):
    monkeypatch.setattr(client_module, "READ_TIMEOUT", 0.5)
    with failing_server(_silent) as url, pytest.raises(ConnectionLost, match="did not answer within") as caught:
        sign_in_at(url)
    assert "try again" in str(caught.value) and WRONG_ADDRESS not in str(caught.value)


def test_nothing_listening_still_says_it_cannot_be_reached():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
    with pytest.raises(Offline, match="Cannot reach the Palaute server") as caught:
        sign_in_at(f"http://127.0.0.1:{port}")
    assert not isinstance(caught.value, ConnectionLost)


def test_the_cli_says_the_connection_was_lost(tmp_path):
    with failing_server(_cut_in_headers) as url:
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "login", "--server", url, "--user", "rita", "--password-stdin"],
            input="pw\n",
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
            env={**os.environ, "PALAUTE_DATA_DIR": str(tmp_path / "data"), "LANG": "C.UTF-8"},
        )
    assert result.returncode != 0
    assert "was lost" in result.stderr and WRONG_ADDRESS not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
