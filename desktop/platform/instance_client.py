"""Hand a request to the running Palaute app over its local socket (plain Python, no Qt, fast to import)."""

from __future__ import annotations

import os
import sys
import time
import zlib
from pathlib import Path
from typing import Any

# Messages the running app understands; anything else is logged and ignored there.
SHOW_CAPTURE: dict[str, Any] = {"action": "show_capture"}
ACTIVATE: dict[str, Any] = {"action": "activate"}  # a second plain `palaute`
REFRESH: dict[str, Any] = {"action": "refresh"}  # the store changed under the app; {"type": "captured"} too
SHOW_INBOX = "show_inbox"  # {"action": "show_inbox", "insight_id": ID or None}: the Inbox, at that thread


def show_inbox(insight_id: str | None = None) -> dict[str, Any]:
    return {"action": SHOW_INBOX, "insight_id": insight_id}


_MAX_MESSAGE = 64 * 1024


def _folder_key(data_dir: Path) -> str:
    # Derived from the data folder so that two data folders (tests, portable copies) never share an instance.
    # Two CRCs over different inputs make 64 bits; zlib is already loaded, hashlib would pull in OpenSSL.
    raw = str(Path(data_dir).resolve()).encode("utf-8")
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw[::-1]):08x}"


def server_name(paths: Any) -> str:
    """The QLocalServer name: a full socket path on Unix, a per-user pipe name on Windows.

    Unix socket paths are limited to ~108 bytes, so the socket lives in the short runtime folder rather
    than in the (possibly long) data folder; the user id keeps users on a shared /tmp apart.
    """
    key = _folder_key(paths.data_dir)
    if sys.platform == "win32":
        user = os.environ.get("USERNAME", "user")
        return f"palaute-{user}-{key}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime) and os.access(runtime, os.W_OK):
        folder = runtime
    else:
        import tempfile

        folder = tempfile.gettempdir()
    return str(Path(folder) / f"palaute-{os.getuid()}-{key}.sock")


def lock_path(paths: Any) -> Path:
    """The QLockFile that decides which process is the running app for this data folder."""
    return Path(paths.data_dir) / "palaute.lock"


def encode(message: dict[str, Any]) -> bytes:
    import json

    return json.dumps(message, separators=(",", ":")).encode("utf-8") + b"\n"


def notify_running_app(paths: Any, message: dict[str, Any], timeout: float = 2.0) -> bool:
    """Send one JSON message to the app running on this data folder; True once it acknowledged it.

    False means no app is listening (or it did not answer in time): the caller then starts the app itself
    or simply carries on, since the store already has whatever the command wrote.
    """
    data = encode(message)
    if len(data) > _MAX_MESSAGE:
        raise ValueError("message too large")
    try:
        if sys.platform == "win32":
            return _send_pipe(server_name(paths), data, timeout)
        return _send_unix(server_name(paths), data, timeout)
    except OSError:
        return False


def _send_unix(path: str, data: bytes, timeout: float) -> bool:
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(path)
        sock.sendall(data)
        return _read_ack(sock.recv, timeout)


def _read_ack(recv: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    reply = b""
    while b"\n" not in reply and time.monotonic() < deadline:
        chunk = recv(256)
        if not chunk:
            break
        reply += chunk
    return reply.startswith(b"ok")


def _send_pipe(name: str, data: bytes, timeout: float) -> bool:
    # QLocalServer on Windows listens on \\.\pipe\<name>; a pipe opened as a file is enough for one exchange.
    path = name if name.startswith("\\\\.\\pipe\\") else f"\\\\.\\pipe\\{name}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            with open(path, "r+b", buffering=0) as pipe:
                pipe.write(data)
                return pipe.readline().startswith(b"ok")
        except FileNotFoundError:
            return False
        except OSError:
            if time.monotonic() > deadline:  # every pipe instance busy: retry briefly
                return False
            time.sleep(0.05)
