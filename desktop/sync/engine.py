"""The sync engine: drain the outbox in batches, pull the changes feed, apply both atomically in the store."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from desktop.language import _
from desktop.store.ledger import SyncLedger
from desktop.store.sync_state import Pending
from desktop.sync.client import ApiClient
from desktop.sync.errors import BadAnswer, Refused
from protocol import schema

log = logging.getLogger(__name__)
_MUTATION = TypeAdapter(schema.Mutation)
_CHANGE = TypeAdapter(schema.Change)
KNOWN_CHANGE_KINDS = {"insight", "reply", "tombstone"}
# Stay under the server's byte limit with room for the envelope.
BATCH_BYTES = schema.MAX_PUSH_BYTES * 3 // 4

Progress = Callable[[int, int], None]


@dataclass
class PushReport:
    sent: int = 0
    rejected: int = 0
    new_devices: int = 0  # registered because the folder's change numbers were already used on the server


# A result must be about the change that was sent: the same mutation id and, when it names an object, the same one.
_OBJECT_OF_RESULT = {"create": "insight", "edit": "insight", "withdraw": "insight", "reply": "reply"}
MAX_NEW_DEVICES = 2  # per push_all: more means something else is wrong; the next round tries again


class Pusher:
    """Sends the outbox oldest first, in batches; every answer is recorded in one local transaction."""

    def __init__(self, ledger: SyncLedger, *, batch_size: int = schema.MAX_BATCH_MUTATIONS) -> None:
        self.ledger = ledger
        self.batch_size = batch_size

    def push_all(self, client: ApiClient, progress: Progress | None = None) -> PushReport:
        report, size = PushReport(), self.batch_size
        total = self.ledger.outbox_size()
        while True:
            items = self.ledger.pending(size)
            if not items:
                return report
            batch = self._sendable(items, report)
            if not batch:
                continue
            try:
                answer = client.push([m for _, m in batch])
            except Refused as error:
                size = self._after_refusal(error, batch, report)
                continue
            except Exception as error:
                self.ledger.record_failure([i for i, _ in batch], getattr(error, "user_message", str(error)))
                raise
            recorded, forked = self._record(batch, answer, report)
            if forked:  # the device that sent it (a refresh may have changed it) numbers afresh
                self._new_device(client, client.auth.device_id if client.auth else None, report)
            elif not recorded:
                raise BadAnswer(_("The server's answer did not match the changes sent; they stay queued for later."))
            size = self.batch_size
            if progress:
                progress(report.sent + report.rejected, max(total, report.sent + report.rejected))

    def _sendable(self, items: list[Pending], report: PushReport) -> list[tuple[Pending, dict[str, Any]]]:
        """Turn queued items into protocol mutations, refusing locally what the server could never accept."""
        batch: list[tuple[Pending, dict[str, Any]]] = []
        used = 0
        for item in items:
            mutation = self._mutation(item)
            if mutation is None:  # waits for an earlier mutation's answer (e.g. an edit of an unsent insight)
                if not batch:
                    self.ledger.reject_locally(item, "The insight this change belongs to never reached the server.")
                    report.rejected += 1
                break
            try:
                _MUTATION.validate_python(mutation)
            except ValidationError as exc:
                message = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors()[:3])
                self.ledger.reject_locally(item, f"Cannot be sent: {message}")
                report.rejected += 1
                continue
            cost = len(json.dumps(mutation, ensure_ascii=False).encode())
            if batch and used + cost > BATCH_BYTES:
                break
            batch.append((item, mutation))
            used += cost
        return batch

    def _mutation(self, item: Pending) -> dict[str, Any] | None:
        p, number = item.payload, item.seq
        head = {"type": item.kind, "number": number, "id": item.mutation_id}
        if item.kind == "create":
            return {**head, "insight": p}
        if item.kind == "reply":
            return {**head, "reply": p}
        if item.kind == "same_here":
            return {**head, "same_here": p}
        base = p.get("base_version") or self.ledger.server_version(p["insight_id"])
        if base is None:
            return None
        if item.kind == "edit":
            return {**head, "insight_id": p["insight_id"], "base_version": base, "changes": p["changes"]}
        return {**head, "insight_id": p["insight_id"], "base_version": base}

    def _after_refusal(self, error: Refused, batch: list[tuple[Pending, dict[str, Any]]], report: PushReport) -> int:
        """413/422 refuse the whole batch: halve it until the one item at fault is found and set aside."""
        if error.status not in (413, 422):
            raise error
        if len(batch) == 1:
            self.ledger.reject_locally(batch[0][0], error.user_message)
            report.rejected += 1
            return self.batch_size
        return max(1, len(batch) // 2)

    def _record(
        self, batch: list[tuple[Pending, dict[str, Any]]], answer: schema.PushResponse, report: PushReport
    ) -> tuple[int, bool]:
        """Record the answers that are about what was sent: (how many, whether a number was used already)."""
        by_number = {r.number: r for r in answer.results}
        pairs, forked = [], False
        for item, _body in batch:
            result = by_number.get(item.seq)
            if result is None:
                continue  # not answered: stays queued and is sent again (then answered as a duplicate)
            if result.status == "number_used":
                forked = True
                continue  # nothing was applied: sent again under a new device
            if not _answers(item, result):
                log.warning("Push answer for change %s does not match what was sent; it stays queued", item.seq)
                continue
            pairs.append((item, result.model_dump(mode="json")))
            if result.status == "rejected":
                report.rejected += 1
            else:
                report.sent += 1
        self.ledger.apply_push_results(pairs)
        return len(pairs), forked

    def _new_device(self, client: ApiClient, device: str | None, report: PushReport) -> None:
        if report.new_devices >= MAX_NEW_DEVICES or device is None:
            raise BadAnswer(_("The server keeps saying this computer's change numbers were used; trying again later."))
        client.renew_device(device)
        report.new_devices += 1


def _answers(item: Pending, result: schema.MutationResult) -> bool:
    """The result is about this change: its mutation id, and the object it names (if any) is this change's."""
    if result.mutation_id != item.mutation_id:
        return False
    if result.status == "rejected":
        return True  # a refusal may carry another object (e.g. the current state), or none
    field = _OBJECT_OF_RESULT.get(item.kind, item.kind)
    named = getattr(result, field, None)
    return named is None or named.id == item.object_id


class Puller:
    """Reads the changes feed from the stored cursor and applies each page with its cursor atomically."""

    def __init__(self, ledger: SyncLedger, *, page_size: int = schema.DEFAULT_PULL_LIMIT) -> None:
        self.ledger = ledger
        self.page_size = page_size

    def pull_all(self, client: ApiClient, *, wait: float = 0) -> int:
        """Pull until the feed is drained; the first request may long-poll. Returns new notices."""
        notices = 0
        while True:
            cursor = self.ledger.meta("cursor")
            try:
                page = client.changes(cursor, wait=wait, limit=self.page_size)
            except Refused as error:
                if error.code != "cursor_invalid":
                    raise
                log.warning("Server no longer knows our cursor; pulling everything again")
                self.ledger.set_meta(cursor=None)
                continue
            if page is None:
                return notices
            changes, next_cursor, has_more = _parse_page(page)
            if self._memberships_changed(client, page.get("communities"), cursor):
                continue  # joined a community: its history is read from the start of the feed
            # The very first pull of a device fills it with history: nothing in it is news.
            notices += self.ledger.apply_changes(changes, next_cursor, announce=cursor is not None)
            if not has_more:
                return notices
            wait = 0

    def _memberships_changed(self, client: ApiClient, listed: Any, cursor: str | None) -> bool:
        """Follow the reader's communities; True when the feed must be read again from the start.

        Joining one (or a first pull by a client that never saw community insights) drops the cursor: the
        joined community's past changes are behind it. Leaving one deletes the insights of it that the rep
        only read. An older server sends no list: nothing changes.
        """
        if not isinstance(listed, list) or not all(isinstance(c, str) for c in listed):
            return False
        now, stored = sorted(set(listed)), self.ledger.meta("communities")
        before = json.loads(stored) if stored is not None else None
        if before == now:
            return False
        self.ledger.replace_communities([c.model_dump() for c in client.communities()])
        left, joined = set(before or ()) - set(now), set(now) - set(before or ())
        self.ledger.forget_unfollowed(now)
        restart = bool(joined) and cursor is not None
        log.info("Communities now %s (joined %s, left %s)", now, sorted(joined), sorted(left))
        self.ledger.set_meta(communities=json.dumps(now), **({"cursor": None} if restart else {}))
        return restart

    def check_drift(self, client: ApiClient) -> bool:
        """Compare counts with the server; on a mismatch drop the cursor so the next pull re-reads everything."""
        if self.ledger.retention_days():
            return False  # retention deletes synced insights on purpose: the counts can no longer agree
        summary = client.summary()
        if summary.cursor != self.ledger.meta("cursor"):
            return False  # changes arrived since our pull; the counts would not be comparable
        server = (summary.insights + summary.withdrawn, summary.replies)
        local = self.ledger.synced_counts()
        if server == local:
            return False
        log.warning("Local copy drifted from the server (server %s, local %s): full re-sync", server, local)
        self.ledger.set_meta(cursor=None)
        return True


def _parse_page(page: Any) -> tuple[list[dict[str, Any]], str, bool]:
    if (
        not isinstance(page, dict)
        or not isinstance(page.get("cursor"), str)
        or not isinstance(page.get("changes"), list)
        or not isinstance(page.get("has_more"), bool)
    ):
        raise BadAnswer(_("The server's list of changes is not in the expected form."))
    changes = []
    for raw in page["changes"]:
        if not isinstance(raw, dict) or raw.get("kind") not in KNOWN_CHANGE_KINDS:
            continue  # a newer server's kind of change: skipped, as the protocol asks
        try:
            changes.append(_CHANGE.validate_python(raw).model_dump(mode="json"))
        except ValidationError:
            raise BadAnswer(_("The server sent a change Palaute cannot read; it will try again later.")) from None
    return changes, page["cursor"], page["has_more"]
