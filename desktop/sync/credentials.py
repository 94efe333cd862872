"""A device's secrets (its private key and refresh token) live only in the OS keyring, one entry per device.

Entries are keyed by the device, never by `user@server`: two data folders signed in as the same user are two
devices with two entries, so they never share a token or a numbering of changes. Where no keyring is usable
the secrets stay in memory for this session only.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast

from desktop.language import _

if TYPE_CHECKING:
    from desktop.sync.proof import DeviceKey

log = logging.getLogger(__name__)
SERVICE = "Palaute"
_FORMAT = 1  # of the JSON kept in an entry


@dataclass(frozen=True)
class Credentials:
    """What the keyring holds for one device. Never logged: __repr__ hides the secrets."""

    device_id: str
    server_url: str
    username: str
    key: dict[str, str]  # the private key as a JWK
    refresh_token: str

    def dumps(self) -> str:
        return json.dumps(
            {
                "v": _FORMAT,
                "server": self.server_url,
                "user": self.username,
                "key": self.key,
                "refresh_token": self.refresh_token,
            },
            separators=(",", ":"),
        )

    @classmethod
    def loads(cls, device_id: str, text: str) -> Credentials | None:
        """None for an entry this version cannot read (damaged, or from another format)."""
        try:
            data = json.loads(text)
            if data.get("v") != _FORMAT:
                return None
            return cls(device_id, data["server"], data["user"], dict(data["key"]), data["refresh_token"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def __repr__(self) -> str:
        return f"Credentials(device_id={self.device_id!r}, user={self.username!r}, server={self.server_url!r})"


def account_name(device_id: str) -> str:
    """The keyring account of a device's entry (service `Palaute`)."""
    return f"device:{device_id}"


class Vault:
    """Each device's credentials in the keyring, under account `device:<device_id>`.

    `persistent` is False once the keyring failed: the sign-in then lasts for this session only, and
    `problem` says why in words (no Secret Service running, keyring locked, ...).
    """

    def __init__(self, *, persistent: bool = True) -> None:
        self.persistent = persistent  # False: memory only (the demo must not leave entries in the keyring)
        self.problem: str | None = None
        self._memory: dict[str, str] = {}

    def save(self, credentials: Credentials) -> None:
        account, text = account_name(credentials.device_id), credentials.dumps()
        self._memory[account] = text
        if self.persistent:
            self._keyring("set_password", account, text)

    def load(self, device_id: str) -> Credentials | None:
        account = account_name(device_id)
        text = self._memory.get(account)
        if text is None and self.persistent:
            text = self._keyring("get_password", account)
        return Credentials.loads(device_id, text) if text else None

    def delete(self, device_id: str) -> None:
        self.forget_entry(account_name(device_id))

    def forget_entry(self, account: str) -> None:
        """Delete one entry by its account name (also the `user@server` entries of protocol 1)."""
        self._memory.pop(account, None)
        if self.persistent:
            self._keyring("delete_password", account)

    def _keyring(self, operation: str, account: str, *value: str) -> str | None:
        try:
            import keyring
            from keyring.errors import PasswordDeleteError

            try:
                return cast(str | None, getattr(keyring, operation)(SERVICE, account, *value))
            except PasswordDeleteError:
                return None  # nothing stored: already gone
        except Exception as exc:  # keyring raises backend-specific errors (dbus, Secret Service, Windows)
            self._fail(exc)
            return None

    def _fail(self, exc: Exception) -> None:
        self.persistent = False
        self.problem = _(
            "Palaute cannot use this computer's password store (keyring), so your sign-in is kept only until "
            "Palaute closes. ({reason})"
        ).format(reason=f"{type(exc).__name__}: {exc}")
        log.warning("Keyring unusable, keeping the sign-in in memory only: %s: %s", type(exc).__name__, exc)


class Auth:
    """The signed-in device, shared by the push and pull loops (each with its own HTTP session).

    Holds the device's credentials, its key, and the access token (in memory only). The lock makes a refresh
    or a change of device happen once when both loops need it at the same moment; it is re-entrant because a
    change of device makes calls that may refresh.
    """

    def __init__(self, credentials: Credentials) -> None:
        self.lock = threading.RLock()
        self.credentials = credentials
        self.key = _key(credentials)
        self.access_token: str | None = None
        self.access_expires_at = datetime.fromtimestamp(0, UTC)

    @property
    def device_id(self) -> str:
        return self.credentials.device_id

    @property
    def server_url(self) -> str:
        return self.credentials.server_url.rstrip("/")

    @property
    def username(self) -> str:
        return self.credentials.username

    def switch(
        self, credentials: Credentials, access_token: str | None = None, expires: datetime | None = None
    ) -> None:
        """Become another device (signed in elsewhere in this folder, or registered after a fork)."""
        self.credentials = credentials
        self.key = _key(credentials)
        self.access_token = access_token
        self.access_expires_at = expires or datetime.fromtimestamp(0, UTC)

    def __repr__(self) -> str:
        return f"Auth({self.credentials!r}, access_expires_at={self.access_expires_at.isoformat()})"


def _key(credentials: Credentials) -> DeviceKey:
    from desktop.sync.proof import DeviceKey

    return DeviceKey.from_jwk(credentials.key)
