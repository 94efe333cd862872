"""The refresh token lives only in the OS keyring; where none is usable, only in memory for this session."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime

log = logging.getLogger(__name__)
SERVICE = "Palaute"


@dataclass
class Tokens:
    """A device's tokens. Never logged: __repr__ hides them."""

    device_id: str
    access_token: str
    access_expires_at: datetime
    refresh_token: str

    def __repr__(self) -> str:
        return f"Tokens(device_id={self.device_id!r}, access_expires_at={self.access_expires_at.isoformat()})"


class Vault:
    """Stores one refresh token per (server, user) in the keyring.

    `persistent` is False once the keyring failed: the sign-in then lasts for this session only, and
    `problem` says why in words (no Secret Service running, keyring locked, ...).
    """

    def __init__(self, *, persistent: bool = True) -> None:
        self.persistent = persistent  # False: memory only (the demo must not leave entries in the keyring)
        self.problem: str | None = None
        self._memory: dict[str, str] = {}

    @staticmethod
    def _account(server_url: str, username: str) -> str:
        return f"{username}@{server_url}"

    def save(self, server_url: str, username: str, refresh_token: str) -> None:
        account = self._account(server_url, username)
        self._memory[account] = refresh_token
        if not self.persistent:
            return
        try:
            import keyring

            keyring.set_password(SERVICE, account, refresh_token)
        except Exception as exc:  # keyring raises backend-specific errors (dbus, Secret Service, Windows)
            self._fail(exc)

    def load(self, server_url: str, username: str) -> str | None:
        account = self._account(server_url, username)
        if account in self._memory or not self.persistent:
            return self._memory.get(account)
        try:
            import keyring

            token = keyring.get_password(SERVICE, account)
        except Exception as exc:
            self._fail(exc)
            return None
        if token:
            self._memory[account] = token
        return token

    def delete(self, server_url: str, username: str) -> None:
        account = self._account(server_url, username)
        self._memory.pop(account, None)
        if not self.persistent:
            return
        try:
            import keyring
            from keyring.errors import PasswordDeleteError

            try:
                keyring.delete_password(SERVICE, account)
            except PasswordDeleteError:
                pass  # nothing stored: already signed out
        except Exception as exc:
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        self.persistent = False
        self.problem = (
            "Palaute cannot use this computer's password store (keyring), so your sign-in is kept only until "
            f"Palaute closes. ({type(exc).__name__}: {exc})"
        )
        log.warning("Keyring unusable, keeping the sign-in in memory only: %s: %s", type(exc).__name__, exc)


class Auth:
    """The signed-in device's tokens, shared by the push and pull loops (each with its own HTTP session).

    The lock makes a refresh happen once when both loops find the access token expired at the same moment:
    refresh tokens rotate, and a second refresh with the spent one would look like theft to the server.
    """

    def __init__(self, server_url: str, username: str, vault: Vault) -> None:
        self.server_url = server_url.rstrip("/")
        self.username = username
        self.vault = vault
        self.tokens: Tokens | None = None
        self.lock = threading.Lock()

    def keep(self, tokens: Tokens) -> None:
        self.tokens = tokens
        # Saved before the access token is used: a crash now must not leave a spent token in the keyring.
        self.vault.save(self.server_url, self.username, tokens.refresh_token)

    def forget(self) -> None:
        self.tokens = None
        self.vault.delete(self.server_url, self.username)
