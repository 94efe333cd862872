"""What can go wrong while syncing, each with words for the user (the sync loops retry every one with back-off)."""

from __future__ import annotations

from desktop.errors import PalauteError


class SyncError(PalauteError):
    """Base of sync failures; the words say whether the user must act (sign in, trust a certificate, update)."""

    exit_code = 5


class Offline(SyncError):
    """The server cannot be reached (no network, wrong address, server down, timeout)."""


class ConnectionLost(Offline):
    """The server was reached but the connection dropped (closed, reset, cut mid-answer) or it stopped answering.

    Not the user's address, nor necessarily their network: said in its own words, and retried like Offline.
    """


class TlsUntrusted(SyncError):
    """The server's certificate is not trusted by this computer (nor by the configured CA bundle)."""


class ServerBusy(SyncError):
    """The server said "later" (429, 5xx); `retry_after` is its hint in seconds, if it gave one."""

    def __init__(self, user_message: str, retry_after: float | None = None) -> None:
        super().__init__(user_message)
        self.retry_after = retry_after


class BadAnswer(SyncError):
    """The server's answer was not what the protocol promises (a proxy page, a broken body)."""


class SignInRequired(SyncError):
    """No usable sign-in: never signed in, refresh refused, device revoked. The outbox waits."""


class Refused(SyncError):
    """The server refused the request itself (4xx other than auth); `code` is the protocol's error code."""

    def __init__(self, user_message: str, status: int, code: str | None, reason: str | None = None) -> None:
        super().__init__(user_message)
        self.status = status
        self.code = code
        self.reason = reason  # ErrorBody.details[0].reason, where the server gives one (single sign-on)


class ServerTooOld(SyncError):
    """The server speaks an older protocol major version than this app (its administrator must update it)."""

    transient = False


class ProtocolTooNew(SyncError):
    """The server speaks a newer protocol major version than this app."""
