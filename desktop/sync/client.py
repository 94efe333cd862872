"""The protocol's HTTP calls (docs/protocol.md), with sign-in, silent token refresh and errors in words."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, TypeVar, overload
from urllib.parse import quote, urlsplit, urlunsplit

import requests
import urllib3
from pydantic import BaseModel, ValidationError

from desktop.language import _
from desktop.sync.credentials import Auth
from desktop.sync.errors import (
    BadAnswer,
    ConnectionLost,
    Offline,
    ProtocolTooNew,
    Refused,
    ServerBusy,
    ServerTooOld,
    SignInRequired,
    SyncError,
    TlsUntrusted,
)
from protocol import schema

if TYPE_CHECKING:
    from desktop.sync.identity import Identity
    from desktop.sync.proof import DeviceKey

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
# Refresh a little before the access token runs out, so a request never races its expiry.
EXPIRY_MARGIN = timedelta(seconds=30)


class ApiClient:
    """Protocol calls for one server. One client per thread; threads may share one signed-in `Auth`.

    `identity` (desktop/sync/identity.py) is how the client reaches the data folder's device when the server
    refuses its sign-in (another process may have signed in again) or its change numbers (a restored backup).
    """

    def __init__(
        self,
        server_url: str,
        session: requests.Session,
        auth: Auth | None = None,
        *,
        identity: Identity | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = server_url.rstrip("/")
        self.session = session
        self.auth = auth
        self.identity = identity
        self.clock = clock
        self.clock_offset = 0.0  # the server's clock minus ours, learned when a proof was refused for its time

    @property
    def server_url(self) -> str:
        return self.auth.server_url if self.auth is not None else self.base_url

    # -- sign-in ------------------------------------------------------------------------------------------
    def login(self, username: str, password: str, device_name: str, key: DeviceKey) -> schema.TokenPair:
        """Sign in as a new device bound to `key`; the answer's tokens work only with proofs by that key."""
        body = schema.LoginRequest(username=username, password=password, device_name=device_name)
        try:
            pair = self._call("POST", "/auth/login", schema.TokenPair, json=body.model_dump(), auth=False, key=key)
        except Refused as error:
            if error.status == 401 and error.code == "unauthorized":
                raise SignInRequired(_("The user name or password is not right. Check them and try again.")) from error
            raise
        return _bound(pair, self.server_url)

    def sign_in_methods(self) -> schema.SignInMethods:
        return self._call("GET", "/auth/methods", schema.SignInMethods, auth=False)

    def sso_start(self, redirect_uri: str, code_challenge: str) -> schema.SsoStart:
        """The organisation's sign-in address for this computer's loopback redirect (single sign-on)."""
        body = schema.SsoStartRequest(redirect_uri=redirect_uri, code_challenge=code_challenge)
        return self._call("POST", "/auth/sso/start", schema.SsoStart, json=body.model_dump(), auth=False)

    def sso_token(self, body: schema.SsoTokenRequest, key: DeviceKey) -> schema.TokenPair:
        """The provider's code, exchanged by the server, for a new device bound to `key`."""
        pair = self._call("POST", "/auth/sso/token", schema.TokenPair, json=body.model_dump(), auth=False, key=key)
        return _bound(pair, self.server_url)

    def register_device(self, key: DeviceKey, device_name: str) -> schema.TokenPair:
        """A new device of the signed-in user, bound to `key` (this folder's change numbers forked)."""
        body = schema.DeviceRequest(device_name=device_name, key=schema.PublicKey.model_validate(key.public))
        return _bound(self._call("POST", "/auth/devices", schema.TokenPair, json=body.model_dump()), self.server_url)

    def logout(self) -> None:
        """Revoke this device on the server (its keyring entry is the caller's to delete)."""
        self._call("POST", "/auth/logout", None)

    def refresh(self, stale_access_token: str | None = None) -> None:
        """A new access token for the device. The refresh token does not rotate, so repeating this (a lost
        answer, another process doing the same) is safe; only a refusal by the server ends the sign-in."""
        auth = self._signed_in()
        with auth.lock:
            if stale_access_token is not None and auth.access_token != stale_access_token and _fresh(auth):
                return  # the other loop refreshed (or changed device) while this one waited for the lock
            while True:
                body = schema.RefreshRequest(refresh_token=auth.credentials.refresh_token)
                try:
                    pair = self._call(
                        "POST", "/auth/refresh", schema.TokenPair, json=body.model_dump(), auth=False, key=auth.key
                    )
                except Refused as error:
                    if error.status != 401 or error.code not in ("refresh_refused", "unauthorized"):
                        raise
                    # Another process of this folder may have signed in again: take its device and try that.
                    if self.identity is not None and self.identity.adopt(auth):
                        continue
                    if self.identity is not None:
                        self.identity.signed_out(auth)
                    raise SignInRequired(_refusal_text(error.reason)) from error
                auth.access_token, auth.access_expires_at = pair.access_token, pair.access_expires_at
                return

    def renew_device(self, forked_device_id: str) -> None:
        """The server says this device's change numbers were used already: register a new device."""
        if self.identity is None:
            raise SyncError(_("This device's change numbers were already used on the server; sign in again."))
        self.identity.renew(self, forked_device_id)

    def _signed_in(self) -> Auth:
        if self.auth is None:
            raise SignInRequired(_("Sign in to the Palaute server to sync (Settings → Server)."))
        return self.auth

    def _access_token(self) -> str:
        auth = self._signed_in()
        if not _fresh(auth):
            # "" when there is none yet: a loop that waited while the other refreshed then sees a new token.
            self.refresh(auth.access_token or "")
        return auth.access_token  # type: ignore[return-value]

    # -- protocol calls -----------------------------------------------------------------------------------
    def push(self, mutations: list[dict[str, Any]]) -> schema.PushResponse:
        body = {"protocol": schema.PROTOCOL_VERSION, "mutations": mutations}
        return self._call("POST", "/sync/push", schema.PushResponse, json=body)

    def changes(
        self, cursor: str | None, *, wait: float = 0, limit: int = schema.DEFAULT_PULL_LIMIT, etag: str | None = None
    ) -> dict[str, Any] | None:
        """One page of the feed as raw JSON (unknown change kinds are skipped later), or None on 304."""
        params = {"cursor": cursor or "", "wait": int(wait), "limit": limit}
        headers = {"If-None-Match": etag} if etag else {}
        timeout = (CONNECT_TIMEOUT, wait + READ_TIMEOUT)
        page: dict[str, Any] | None = self._call(
            "GET", "/sync/changes", None, params=params, headers=headers, timeout=timeout, not_modified_ok=True
        )
        return page

    def summary(self) -> schema.Summary:
        return self._call("GET", "/sync/summary", schema.Summary)

    def me(self) -> schema.UserInfo:
        return self._call("GET", "/me", schema.UserInfo)

    def communities(self) -> list[schema.Community]:
        data = self._call("GET", "/communities", None)
        return [schema.Community.model_validate(c) for c in _as_list(data)]

    def join_community(self, slug: str) -> schema.UserInfo:
        return self._call("PUT", f"/me/communities/{quote(slug, safe='')}", schema.UserInfo)

    def leave_community(self, slug: str) -> schema.UserInfo:
        return self._call("DELETE", f"/me/communities/{quote(slug, safe='')}", schema.UserInfo)

    def digest(self, week: str | None = None, community: str | None = None) -> schema.Digest:
        params = {k: v for k, v in (("week", week), ("community", community)) if v}
        return self._call("GET", "/digest", schema.Digest, params=params)

    def product_areas(self) -> list[schema.ProductArea]:
        data = self._call("GET", "/product-areas", None)
        return [schema.ProductArea.model_validate(c) for c in _as_list(data)]

    # -- plumbing -----------------------------------------------------------------------------------------
    @overload
    def _call(self, method: str, path: str, model: type[M], **kwargs: Any) -> M: ...
    @overload
    def _call(self, method: str, path: str, model: None, **kwargs: Any) -> Any: ...

    def _call(
        self,
        method: str,
        path: str,
        model: type[M] | None,
        *,
        auth: bool = True,
        key: DeviceKey | None = None,
        not_modified_ok: bool = False,
        timeout: tuple[float, float] | None = None,
        **kwargs: Any,
    ) -> Any:
        url = f"{self.server_url}{schema.API_PREFIX}{path}"
        extra = dict(kwargs.pop("headers", None) or {})
        refreshed = clock_fixed = False
        while True:
            headers = dict(extra)
            access = self._access_token() if auth else None
            signer = self.auth.key if auth else key  # type: ignore[union-attr]
            if access:
                headers["Authorization"] = f"DPoP {access}"
            if signer is not None:  # a fresh proof for every attempt: a proof is accepted once only
                headers["DPoP"] = signer.proof(method, url, access_token=access, now=self.clock() + self.clock_offset)
            response = self._send(
                method, url, headers=headers, timeout=timeout or (CONNECT_TIMEOUT, READ_TIMEOUT), **kwargs
            )
            if (
                response.status_code == 401
                and signer is not None
                and not clock_fixed
                and _code(response) == "invalid_dpop_proof"
            ):
                clock_fixed = self._learn_clock(response)  # a proof refused for its time: our clock is off
                if clock_fixed:
                    continue
            if response.status_code == 401 and auth and not refreshed:
                # The access token ran out early (clock skew, server restart): refresh once, silently.
                refreshed = True
                self.refresh(access)
                continue
            if response.status_code == 304 and not_modified_ok:
                return None
            return self._parse(response, model)

    def _learn_clock(self, response: requests.Response) -> bool:
        """Take the server's clock from its Date header; True if that changed what our proofs will say."""
        try:
            server_now = parsedate_to_datetime(response.headers["Date"]).timestamp()
        except (KeyError, TypeError, ValueError, IndexError):
            return False
        offset = server_now - self.clock()
        if abs(offset - self.clock_offset) < 5:
            return False
        log.warning("This computer's clock differs from the server's by %.0f s; proofs use the server's time", offset)
        self.clock_offset = offset
        return True

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        try:
            # Never follow a redirect: it could carry a password or a refresh token to another host or over
            # plain http (307/308 re-send the body). A redirect is an answer like any other, refused in _parse.
            return self.session.request(method, url, allow_redirects=False, **kwargs)
        except requests.exceptions.SSLError as exc:
            if _dropped(exc):  # the handshake was cut, not refused: a network fault, not a certificate
                raise self._lost() from exc
            raise TlsUntrusted(
                _(
                    "The server {server} did not prove who it is: its certificate is not trusted by this "
                    "computer. Ask IT to install your company's certificate authority, or set its file in "
                    "Settings → Server → CA bundle. Nothing was sent."
                ).format(server=self.server_url)
            ) from exc
        except requests.exceptions.ReadTimeout as exc:
            waited = kwargs.get("timeout", (CONNECT_TIMEOUT, READ_TIMEOUT))[1]
            raise ConnectionLost(
                _(
                    "The Palaute server at {server} did not answer within {seconds} s. Palaute will try "
                    "again; your insights are kept on this computer."
                ).format(server=self.server_url, seconds=f"{waited:.0f}")
            ) from exc
        except requests.exceptions.RequestException as exc:
            if _dropped(exc):
                raise self._lost() from exc
            raise Offline(  # refused, no route, unknown name, connect timed out: not reached at all
                _(
                    "Cannot reach the Palaute server at {server}. Your insights are kept on "
                    "this computer and will be sent when the connection is back."
                ).format(server=self.server_url)
            ) from exc

    def _lost(self) -> ConnectionLost:
        return ConnectionLost(
            _(
                "The connection to the Palaute server at {server} was lost before its answer arrived. "
                "Palaute will try again; your insights are kept on this computer."
            ).format(server=self.server_url)
        )

    def _parse(self, response: requests.Response, model: type[M] | None) -> Any:
        status = response.status_code
        if 300 <= status < 400:
            target = _address(response.headers.get("Location", ""))
            moved = (
                _("The server at {server} answered with a redirect to {target}.")
                if target
                else _("The server at {server} answered with a redirect.")
            )
            raise BadAnswer(
                moved.format(server=self.server_url, target=target)
                + " "
                + _(
                    "Palaute does not follow redirects, so that your password and sign-in never go anywhere but "
                    "the address you gave. If the server has moved, sign in with its new https:// address."
                )
            )
        major = response.headers.get("X-Palaute-Protocol")
        if major and major.isdigit() and int(major) > schema.PROTOCOL_VERSION:
            raise ProtocolTooNew(_("The Palaute server is newer than this app. Update Palaute to keep syncing."))
        if major and major.isdigit() and int(major) < schema.PROTOCOL_VERSION:
            raise ServerTooOld(
                _(
                    "The Palaute server at {server} is older than this app (protocol {major}). Ask its "
                    "administrator to update it; your insights wait on this computer until then."
                ).format(server=self.server_url, major=major)
            )
        if not major and _cut_short(response):
            raise self._lost()  # the answer stopped in its head: a dropped connection, not a wrong address
        if not major and status not in (429, 500, 502, 503, 504):
            # Every Palaute answer carries the header. A 5xx without it is a crash or a proxy's "bad gateway"
            # (transient); anything else means the address is not a Palaute server (a typo, a captive portal).
            raise BadAnswer(
                _(
                    "The address {server} does not answer like a Palaute server (HTTP {status}). "
                    "Check the server address."
                ).format(server=self.server_url, status=status)
            )
        if status == 502 and _error_code(response) == "sso_unavailable":  # the provider, not Palaute, is down
            raise Refused(response.json()["message"], status, "sso_unavailable")
        if status == 503 and _error_code(response) == "sso_unavailable":  # a refresh: still signed in, later
            raise ServerBusy(
                _(
                    "Your organisation's sign-in service does not answer, so your access to Palaute cannot be "
                    "confirmed; trying again later. Your insights wait on this computer."
                ),
                _retry_after(response),
            )
        if status == 429 or status >= 500:
            raise ServerBusy(
                _("The Palaute server is busy or having trouble (HTTP {status}); trying again later.").format(
                    status=status
                ),
                _retry_after(response),
            )
        if status == 204:
            return None
        try:
            data = response.json()
        except ValueError:
            raise BadAnswer(
                _(
                    "The server at {server} gave an answer Palaute does not understand "
                    "(HTTP {status}, not JSON). Is the address right?"
                ).format(server=self.server_url, status=status)
            ) from None
        if status >= 400:
            code = data.get("error") if isinstance(data, dict) else None
            message = data.get("message") if isinstance(data, dict) else None
            raise Refused(
                message or _("The server refused the request (HTTP {status}).").format(status=status),
                status,
                code,
                _reason(data),
            )
        if model is None:
            return data
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            log.warning("Answer from %s did not match %s: %s", response.url, model.__name__, exc.errors()[:3])
            raise BadAnswer(
                _(
                    "The server at {server} gave an answer that does not follow the Palaute "
                    "protocol. Check the server address, or ask its administrator."
                ).format(server=self.server_url)
            ) from None


def _dropped(exc: requests.exceptions.RequestException) -> bool:
    """The server was reached and the connection then dropped: closed, reset or cut mid-answer."""
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return True  # the body stopped short of what its head announced
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, urllib3.exceptions.ProtocolError):
        return True  # "Connection aborted": closed or reset before or while answering
    if isinstance(exc, requests.exceptions.SSLError):
        text = str(exc)
        return "EOF" in text or "reset" in text.lower()
    return False


def _cut_short(response: requests.Response) -> bool:
    """An answer whose head ended unfinished: a connection cut while the headers were coming.

    A complete HTTP/1.1 answer ends its head with an empty line and says how long its body is; one cut in the
    head has broken header lines, or no length and no body at all.
    """
    original = getattr(response.raw, "_original_response", None)
    if original is not None and getattr(original.msg, "defects", None):
        return True
    headers = response.headers
    sized = "Content-Length" in headers or "chunked" in headers.get("Transfer-Encoding", "").lower()
    return not sized and not response.content and response.status_code not in (204, 304)


def _bound(pair: schema.TokenPair, server_url: str) -> schema.TokenPair:
    """A sign-in the desktop can use: tokens bound to its key, with a refresh token."""
    if pair.token_type != schema.DPOP_TOKEN or not pair.refresh_token:
        raise BadAnswer(
            _(
                "The server at {server} did not bind the sign-in to this computer's key; Palaute will not use it. "
                "Ask its administrator to update the server."
            ).format(server=server_url)
        )
    return pair


def refresh_token_of(pair: schema.TokenPair) -> str:
    """The refresh token of a pair the client accepted (`_bound` refuses one without)."""
    if not pair.refresh_token:
        raise BadAnswer(_("The server's sign-in answer had no refresh token; Palaute will not use it."))
    return pair.refresh_token


def _fresh(auth: Auth) -> bool:
    return auth.access_token is not None and datetime.now(UTC) < auth.access_expires_at - EXPIRY_MARGIN


def _code(response: requests.Response) -> str | None:
    try:
        data = response.json()
    except ValueError:
        return None
    return data.get("error") if isinstance(data, dict) else None


def _address(location: str) -> str:
    """Where a redirect pointed, without its query (which could carry anything)."""
    parts = urlsplit(location)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _as_list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise BadAnswer(_("The server's list of communities was not a list."))
    return data


def _error_code(response: requests.Response) -> str | None:
    try:
        data = response.json()
    except ValueError:
        return None
    return data.get("error") if isinstance(data, dict) and isinstance(data.get("message"), str) else None


def _reason(data: object) -> str | None:
    """ErrorBody.details[0].reason, if the answer has one."""
    details = data.get("details") if isinstance(data, dict) else None
    first = details[0] if isinstance(details, list) and details else None
    reason = first.get("reason") if isinstance(first, dict) else None
    return reason if isinstance(reason, str) else None


def _refusal_text(reason: str | None) -> str:
    """Why this computer's sign-in ended, in the person's language (docs/protocol.md: refresh refusals)."""
    if reason == "sso_no_access":
        return _(
            "Your organisation account no longer gives access to Palaute (it is in no group for it). Ask your "
            "administrator; your unsent insights wait on this computer."
        )
    if reason == "sso_ended":
        return _(
            "Your organisation sign-in has ended. Sign in with your organisation again; your unsent insights "
            "wait on this computer."
        )
    if reason == "sso_off":
        return _(
            "Sign-in with your organisation is turned off on the Palaute server. Ask your administrator; your "
            "unsent insights wait on this computer."
        )
    return _(
        "Your sign-in to the Palaute server has ended (signed out or revoked). Sign in again; "
        "your unsent insights wait on this computer."
    )
