"""The protocol's HTTP calls (docs/protocol.md), with sign-in, silent token refresh and errors in words."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel, ValidationError

from desktop.sync.credentials import Auth, Tokens
from desktop.sync.errors import (
    BadAnswer,
    Offline,
    ProtocolTooNew,
    Refused,
    ServerBusy,
    SignInRequired,
    TlsUntrusted,
)
from protocol import schema

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
# Refresh a little before the access token runs out, so a request never races its expiry.
EXPIRY_MARGIN = timedelta(seconds=30)


class ApiClient:
    """Protocol calls for one signed-in device. One client per thread; threads may share one `Auth`."""

    def __init__(self, auth: Auth, session: requests.Session) -> None:
        self.auth = auth
        self.session = session

    @property
    def server_url(self) -> str:
        return self.auth.server_url

    # -- sign-in ------------------------------------------------------------------------------------------
    def login(self, username: str, password: str, device_name: str) -> schema.TokenPair:
        body = schema.LoginRequest(username=username, password=password, device_name=device_name)
        try:
            pair = self._call("POST", "/auth/login", schema.TokenPair, json=body.model_dump(), auth=False)
        except Refused as error:
            if error.status == 401:
                raise SignInRequired("The user name or password is not right. Check them and try again.") from error
            raise
        self.auth.username = pair.user.name
        self.auth.keep(_tokens(pair))
        return pair

    def logout(self) -> None:
        try:
            if self.auth.tokens is not None:
                self._call("POST", "/auth/logout", None)
        finally:
            self.auth.forget()

    def resume(self, device_id: str) -> bool:
        """Use the refresh token an earlier session saved in the keyring; False when there is none."""
        refresh = self.auth.vault.load(self.server_url, self.auth.username)
        if not refresh:
            return False
        expired = datetime.fromtimestamp(0, UTC)
        self.auth.tokens = Tokens(
            device_id=device_id, access_token="", access_expires_at=expired, refresh_token=refresh
        )
        return True

    def refresh(self, stale_access_token: str | None = None) -> None:
        with self.auth.lock:
            tokens = self.auth.tokens
            if tokens is None:
                raise SignInRequired("Sign in to the Palaute server to sync (Settings → Server).")
            if stale_access_token is not None and tokens.access_token != stale_access_token and _fresh(tokens):
                return  # the other loop refreshed while this one waited for the lock
            body = schema.RefreshRequest(refresh_token=tokens.refresh_token)
            try:
                pair = self._call("POST", "/auth/refresh", schema.TokenPair, json=body.model_dump(), auth=False)
            except Refused as error:
                if error.status != 401:
                    raise
                self.auth.forget()
                raise SignInRequired(
                    "Your sign-in to the Palaute server has ended (expired or revoked). Sign in again; "
                    "your unsent insights wait on this computer."
                ) from error
            self.auth.keep(_tokens(pair))

    def _access_token(self) -> str:
        tokens = self.auth.tokens
        if tokens is None:
            raise SignInRequired("Sign in to the Palaute server to sync (Settings → Server).")
        if not _fresh(tokens):
            self.refresh(tokens.access_token)
        return self.auth.tokens.access_token  # type: ignore[union-attr]

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
        return self._call(
            "GET", "/sync/changes", None, params=params, headers=headers, timeout=timeout, not_modified_ok=True
        )

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
    def _call(
        self,
        method: str,
        path: str,
        model: type[M] | None,
        *,
        auth: bool = True,
        retried: bool = False,
        not_modified_ok: bool = False,
        timeout: tuple[float, float] | None = None,
        **kwargs: Any,
    ) -> Any:
        headers = dict(kwargs.pop("headers", None) or {})
        access = self._access_token() if auth else None
        if access:
            headers["Authorization"] = f"Bearer {access}"
        response = self._send(
            method, path, headers=headers, timeout=timeout or (CONNECT_TIMEOUT, READ_TIMEOUT), **kwargs
        )
        if response.status_code == 401 and auth and not retried:
            # The access token ran out early (clock skew, server restart): refresh once, silently.
            self.refresh(access)
            headers.pop("Authorization", None)
            return self._call(
                method,
                path,
                model,
                auth=auth,
                retried=True,
                not_modified_ok=not_modified_ok,
                timeout=timeout,
                headers=headers,
                **kwargs,
            )
        if response.status_code == 304 and not_modified_ok:
            return None
        return self._parse(response, model)

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        url = f"{self.server_url}{schema.API_PREFIX}{path}"
        try:
            return self.session.request(method, url, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise TlsUntrusted(
                f"The server {self.server_url} did not prove who it is: its certificate is not trusted by this "
                "computer. Ask IT to install your company's certificate authority, or set its file in "
                "Settings → Server → CA bundle. Nothing was sent."
            ) from exc
        except requests.exceptions.RequestException as exc:  # refused, reset, timed out, cut mid-answer
            raise Offline(
                f"Cannot reach the Palaute server at {self.server_url}. Your insights are kept on "
                "this computer and will be sent when the connection is back."
            ) from exc

    def _parse(self, response: requests.Response, model: type[M] | None) -> Any:
        major = response.headers.get("X-Palaute-Protocol")
        if major and major.isdigit() and int(major) > schema.PROTOCOL_VERSION:
            raise ProtocolTooNew("The Palaute server is newer than this app. Update Palaute to keep syncing.")
        status = response.status_code
        if not major and status not in (429, 500, 502, 503, 504):
            # Every Palaute answer carries the header. A 5xx without it is a crash or a proxy's "bad gateway"
            # (transient); anything else means the address is not a Palaute server (a typo, a captive portal).
            raise BadAnswer(
                f"The address {self.server_url} does not answer like a Palaute server (HTTP {status}). "
                "Check the server address."
            )
        if status == 429 or status >= 500:
            raise ServerBusy(
                f"The Palaute server is busy or having trouble (HTTP {status}); trying again later.",
                _retry_after(response),
            )
        if status == 204:
            return None
        try:
            data = response.json()
        except ValueError:
            raise BadAnswer(
                f"The server at {self.server_url} gave an answer Palaute does not understand "
                f"(HTTP {status}, not JSON). Is the address right?"
            ) from None
        if status >= 400:
            code = data.get("error") if isinstance(data, dict) else None
            message = data.get("message") if isinstance(data, dict) else None
            raise Refused(message or f"The server refused the request (HTTP {status}).", status, code)
        if model is None:
            return data
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            log.warning("Answer from %s did not match %s: %s", response.url, model.__name__, exc.errors()[:3])
            raise BadAnswer(
                f"The server at {self.server_url} gave an answer that does not follow the Palaute "
                "protocol. Check the server address, or ask its administrator."
            ) from None


def _tokens(pair: schema.TokenPair) -> Tokens:
    return Tokens(pair.device_id, pair.access_token, pair.access_expires_at, pair.refresh_token)


def _fresh(tokens: Tokens) -> bool:
    return datetime.now(UTC) < tokens.access_expires_at - EXPIRY_MARGIN


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _as_list(data: Any) -> list:
    if not isinstance(data, list):
        raise BadAnswer("The server's list of communities was not a list.")
    return data
