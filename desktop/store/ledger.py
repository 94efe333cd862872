"""SyncLedger: what the sync engine asks of the store, each call one short transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from desktop.domain import Notice, utc_now
from desktop.settings import Settings
from desktop.store import sync_state as ss
from desktop.store.transactions import Transactions


class SyncLedger:
    """The outbox, the cursor, push results, pulled changes and notices, in the store's transactions.

    Retention and the community list belong to the Store (it caches the list); the ledger calls them through
    the two functions it is given, so it needs nothing else of the Store.
    """

    def __init__(
        self,
        tx: Transactions,
        settings: Settings,
        *,
        apply_retention: Callable[[], int],
        replace_communities: Callable[[list[dict[str, Any]]], None],
    ) -> None:
        self._tx = tx
        self._settings = settings
        self._apply_retention = apply_retention
        self._replace_communities = replace_communities

    # metadata: cursor, device_id, username, server_url, last_success_at, last_error ...
    def meta(self, key: str) -> str | None:
        return self._tx.read(lambda s: ss.get_meta(s, key))

    def set_meta(self, **values: str | None) -> None:
        self._tx.write(lambda s: ss.set_meta(s, values))

    def swap_meta(self, key: str, expected: str | None, **values: str | None) -> bool:
        """Set `values` if `key` still holds `expected`; False (nothing written) if another process changed it."""
        return self._tx.write(lambda s: ss.swap_meta(s, key, expected, values))

    def record_success(self) -> None:
        self.set_meta(last_success_at=utc_now().isoformat(), last_error=None)

    def record_error(self, message: str) -> None:
        self.set_meta(last_error=message, last_error_at=utc_now().isoformat())

    def last_success(self) -> datetime | None:
        value = self.meta("last_success_at")
        return datetime.fromisoformat(value) if value else None

    def signed_in(self) -> bool:
        """A device sign-in is recorded (its refresh token may still turn out to be gone from the keyring)."""
        return bool(self.meta("device_id") and self.meta("server_url"))

    # outbox
    def pending(self, limit: int) -> list[ss.Pending]:
        return self._tx.read(lambda s: ss.pending(s, limit))

    def outbox_size(self) -> int:
        return self._tx.read(ss.outbox_size)

    def record_failure(self, items: list[ss.Pending], error: str) -> None:
        self._tx.write(lambda s: ss.record_failure(s, [i.seq for i in items], error))

    def reject_locally(self, item: ss.Pending, message: str) -> None:
        self._tx.write(lambda s: ss.reject_locally(s, item, message))

    def apply_push_results(self, pairs: list[tuple[ss.Pending, dict[str, Any]]]) -> None:
        """All results of one push in one transaction: a crash leaves either none or all of them applied."""
        self._tx.write(lambda s: ss.apply_push_results(s, pairs))

    def server_version(self, insight_id: str) -> int | None:
        return self._tx.read(lambda s: ss.server_version(s, insight_id))

    def synced_counts(self) -> tuple[int, int]:
        return self._tx.read(ss.synced_counts)

    def retention_days(self) -> int:
        return int(self._settings.get("retention_days"))

    def apply_retention(self) -> int:
        return self._apply_retention()

    # pull
    def apply_changes(self, changes: list[dict[str, Any]], cursor: str, *, announce: bool) -> int:
        me = self.meta("username") or ""
        return self._tx.write(lambda s: ss.apply_changes(s, changes, cursor, me=me, announce=announce))

    # communities
    def replace_communities(self, listed: list[dict[str, Any]]) -> None:
        self._replace_communities(listed)

    def forget_unfollowed(self, communities: list[str]) -> int:
        return self._tx.write(lambda s: ss.forget_unfollowed(s, communities))

    # notices
    def pending_notices(self) -> list[Notice]:
        return self._tx.read(ss.pending_notices)

    def mark_shown(self, notices: list[Notice]) -> None:
        self._tx.write(lambda s: ss.mark_shown(s, [n.id for n in notices]))

    def unread_count(self) -> int:
        return self._tx.read(ss.unread_count)

    def newest_unread(self) -> str | None:
        return self._tx.read(ss.newest_unread)
