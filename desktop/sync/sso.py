"""Single sign-on from the desktop (RFC 8252): the system browser opens the organisation's sign-in page, the
answer comes back to a one-shot listener on 127.0.0.1, and the server exchanges the code for a device of
Palaute's own. Only Palaute's refresh token (with the device key) is kept, in the keyring."""

from __future__ import annotations

import base64
import hashlib
import html
import secrets
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from desktop.errors import PalauteError
from desktop.language import _
from desktop.store import Store
from desktop.sync import account
from desktop.sync.credentials import Vault
from desktop.sync.errors import Refused, SignInRequired
from desktop.sync.http import Cancel
from protocol import schema

# Long enough to type a password and approve a second factor on the phone.
DEFAULT_TIMEOUT = 300.0


def timed_out_text(minutes: int) -> str:
    return _(
        "No answer came back from your organisation's sign-in page within {minutes} minutes (was the browser "
        "tab closed?). Start the sign-in again."
    ).format(minutes=minutes)


def cancelled_text() -> str:
    return _("The sign-in with your organisation was cancelled.")


def mismatch_text() -> str:
    return _("The answer from the sign-in page does not belong to this sign-in, so it was ignored. Start again.")


def _page(ok: bool) -> bytes:
    text = (
        _("You are signed in to Palaute. You can close this tab.")
        if ok
        else _("The sign-in did not finish. Go back to Palaute to see why.")
    )
    return f"<!doctype html><meta charset='utf-8'><title>Palaute</title><p>{html.escape(text)}</p>".encode()


class SsoCancelled(PalauteError):
    exit_code = 1


def pkce_pair() -> tuple[str, str]:
    """A PKCE verifier (kept here) and its S256 challenge (sent to the provider)."""
    verifier = secrets.token_urlsafe(64)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class LoopbackReceiver:
    """Listens on 127.0.0.1 at a free port for the browser's one visit to /callback."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.query: dict[str, str] = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != "/callback" or receiver.arrived.is_set():
                    self.send_error(404)
                    return
                receiver.query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                body = _page("code" in receiver.query)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)
                receiver.arrived.set()

            def log_message(self, *args: Any) -> None:  # the query holds the code: never logged
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A short poll: closing the listener waits for the serving loop to notice (the default is half a second).
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="sso-callback", daemon=True
        )

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/callback"

    def __enter__(self) -> LoopbackReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def wait(self, timeout: float, cancelled: threading.Event | None) -> dict[str, str]:
        deadline = time.monotonic() + timeout
        while not self.arrived.wait(min(0.1, max(0.0, deadline - time.monotonic()))):
            if cancelled is not None and cancelled.is_set():
                raise SsoCancelled(cancelled_text())
            if time.monotonic() >= deadline:
                raise SignInRequired(timed_out_text(max(1, round(timeout / 60))))
        return self.query


def sign_in(
    store: Store,
    vault: Vault,
    server_url: str,
    open_url: Callable[[str], bool],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    cancelled: threading.Event | None = None,
) -> schema.TokenPair:
    """Sign this folder in through the organisation's provider. `open_url` shows the address to the person
    (the system browser, or printed when there is none); it returns False if it could not. `cancelled` stops
    the wait for the browser and, when it is an http.Cancel (the dialog's), the requests to the server too."""
    from desktop.sync.proof import DeviceKey

    url = account.check_server_url(server_url)
    client = account.client_for(store, vault, server_url=url)
    if isinstance(cancelled, Cancel):
        cancelled.watch(client.session)
    verifier, challenge = pkce_pair()
    with LoopbackReceiver() as receiver:
        started = account.unless_cancelled(lambda: _start(client, receiver.redirect_uri, challenge), cancelled, _cut)
        open_url(started.authorization_url)
        answer = receiver.wait(timeout, cancelled)
    if "error" in answer:
        raise SignInRequired(_provider_refusal(answer))
    if not secrets.compare_digest(answer.get("state", ""), started.state) or "code" not in answer:
        raise SignInRequired(mismatch_text())
    key = DeviceKey.generate()
    body = schema.SsoTokenRequest(
        ticket=started.ticket,
        state=answer["state"],
        code=answer["code"],
        code_verifier=verifier,
        device_name=account.device_name(),
    )
    pair = _refused_in_words(lambda: account.unless_cancelled(lambda: client.sso_token(body, key), cancelled, _cut))
    try:
        if cancelled is not None and cancelled.is_set():  # the answer came as the person cancelled: left unused
            raise SsoCancelled(cancelled_text())
        account.check_unsent(store, url, pair.user.name)
    except PalauteError:
        account.forget_new_device(store, url, pair, key)
        raise
    return account.adopt_sign_in(store, vault, url, pair, key)


def _cut() -> SsoCancelled:
    return SsoCancelled(cancelled_text())


def _start(client: Any, redirect_uri: str, challenge: str) -> schema.SsoStart:
    started: schema.SsoStart = _refused_in_words(lambda: client.sso_start(redirect_uri, challenge))
    return started


def _refused_in_words(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except Refused as error:
        if error.code == "sso_off":
            raise SignInRequired(_("This Palaute server does not offer sign-in with your organisation.")) from error
        raise SignInRequired(error.user_message) from error


def _provider_refusal(answer: dict[str, str]) -> str:
    if answer.get("error") == "access_denied":
        return _("The sign-in was cancelled or refused on your organisation's sign-in page.")
    detail = answer.get("error_description") or answer.get("error", "")
    return _("Your organisation's sign-in page refused the sign-in ({detail}).").format(detail=detail[:200])
