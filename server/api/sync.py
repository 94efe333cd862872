"""Push, pull (long-poll, ETag) and summary: the desktop's sync calls (docs/protocol.md)."""

from __future__ import annotations

import asyncio
import hashlib
import time
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from privacy.detector import detected_ahead
from protocol import schema
from server.api.deps import ERRORS, ApiError, DatabaseDep, Principal, PullPrincipal, PushPrincipal, SettingsDep
from server.db import Database
from server.longpoll.hub import CLOSING, REREAD, Handed, Hub
from server.models import Device
from server.services import changes as feed_changes, feed, sync
from server.services.access import Reader

router = APIRouter(prefix="/sync", tags=["sync"], responses=ERRORS)
ETAG: dict[str, Any] = {
    "ETag": {"description": "The answer's cursor, quoted", "required": True, "schema": {"type": "string"}}
}


@router.post("/push", response_model=schema.PushResponse)
def push(body: schema.PushRequest, principal: PushPrincipal, db: DatabaseDep) -> Response:
    """Apply a batch of mutations in one transaction; one result per mutation, 200 even if some are rejected."""
    # The slow part (detecting personal data in up to 4 MB of text) runs before the write transaction: on
    # SQLite that is the database's one write lock, and every other sign-in and push would wait behind it.
    with detected_ahead(sync.texts_of(body)):
        return _push(body, principal, db)


def _push(body: schema.PushRequest, principal: Principal, db: Database) -> Response:
    for attempt in range(3):
        try:
            with db.write() as session:
                answer = sync.push(session, principal.actor(session, lazy=True), principal.device_id, body)
            # Serialised directly: FastAPI would validate the (already valid) answer model again.
            return Response(answer.model_dump_json(), media_type="application/json")
        except IntegrityError:
            # Another device of this user created the same id at the same moment: the retry sees it.
            if attempt == 2:
                raise ApiError(409, "conflict", "the batch conflicted with a concurrent one; retry") from None
    raise AssertionError("unreachable")


@router.get(
    "/changes",
    response_model=schema.ChangesResponse,
    responses={
        200: {"headers": ETAG},
        304: {"description": "Nothing new (If-None-Match matched)", "headers": ETAG},
        410: {"model": schema.ErrorBody, "description": "Cursor from another database"},
    },
)
async def changes(
    request: Request,
    principal: PullPrincipal,
    db: DatabaseDep,
    settings: SettingsDep,
    cursor: Annotated[str, Query(max_length=schema.MAX_CURSOR_CHARS)] = "",
    wait: Annotated[float, Query(ge=0, le=schema.MAX_WAIT_SECONDS)] = 0,
    limit: Annotated[int, Query(ge=1, le=schema.MAX_PULL_LIMIT)] = schema.DEFAULT_PULL_LIMIT,
    if_none_match: Annotated[str | None, Header(max_length=200)] = None,
) -> Response:
    """Changes visible to the caller after `cursor`, in commit order; waits up to `wait` s for one."""
    hub: Hub = request.app.state.hub
    deadline = time.monotonic() + min(wait, settings.long_poll_max_seconds)
    # A long-poll from a reader the hub knows, at a cursor it has dispatched up to, waits without reading:
    # this is the pull every desktop sends right after being handed a change. The hub sends it to read after
    # all if a change it may see came meanwhile.
    page = _known(hub, principal, cursor) if wait > 0 else None
    if page is None:
        page = await _full_read(hub, db, principal, cursor, limit)
    # The cursor sent is what the device already applied: "the rep was told" (services/delivery.py).
    request.app.state.acks.note(principal.user_id, page.acked)
    while not page.items and not page.has_more:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or await request.is_disconnected():
            break
        # Nothing for the caller yet: wait to be handed what a commit brings (no database work meanwhile).
        waiter = hub.wait(page.reader, page.seq)
        try:
            async with asyncio.timeout(remaining):
                outcome = await waiter.future
        except TimeoutError:
            page.seq = hub.done(waiter)  # nothing came that the caller may see, up to here
            break
        finally:
            hub.done(waiter)
        if outcome == CLOSING:
            page.seq = hub.done(waiter)
            break
        if outcome == REREAD:
            communities = page.reader.community_slugs
            page = await _full_read(hub, db, principal, page.cursor, limit)
            if page.reader.community_slugs != communities:
                # Joined or left: the client re-reads from an empty cursor or drops insights now, not when the
                # wait ends, even if the joined community has nothing new after this cursor.
                break
        elif isinstance(outcome, Handed):
            page = page.handed(outcome, limit)
    # The reader's communities are part of the answer (a join with nothing new still changes it), so of its tag.
    membership = hashlib.sha256(",".join(page.reader.community_slugs).encode()).hexdigest()[:12]
    etag = f'"{page.cursor}.{membership}"'
    if not page.items and if_none_match == etag:
        return Response(status_code=304, headers={"ETag": etag})
    # A shared body only comes with changes: an empty handed answer waits on, and its position moves later.
    body = page.body if page.items and page.body else _body(page)
    return Response(body, media_type="application/json", headers={"ETag": etag})


def _body(page: _Page) -> bytes:
    answer = schema.ChangesResponse(
        cursor=page.cursor, has_more=page.has_more, changes=page.items, communities=list(page.reader.community_slugs)
    )
    return answer.model_dump_json().encode()


@dataclass
class _Page:
    """One answer to a pull: its changes and the feed position (`seq`) it reaches."""

    items: list[schema.Change]
    seq: int
    has_more: bool
    reader: Reader
    instance: str
    acked: int = 0  # the position the request's own cursor named
    body: bytes | None = None  # the answer serialised already (shared by waiters woken by one change)

    @property
    def cursor(self) -> str:
        return feed.make_cursor(self.instance, self.seq)

    def handed(self, handed: Handed, limit: int) -> _Page:
        """The answer made of what the hub handed over (rows already routed to this reader)."""
        rows, has_more = handed.rows[:limit], len(handed.rows) > limit
        seq = rows[-1].seq if has_more else max(handed.upto, self.seq)
        batch = handed.batch
        backed = batch.backed_by(self.reader)
        # Rendered and serialised once per kind of reader, not once per waiter: most woken waiters of one
        # change (the reps of its community) get byte-identical answers.
        key = (feed_changes.view_key(self.reader, rows, batch, backed), seq, has_more, self.reader.community_slugs)
        shared = batch.answers.get(key)
        if shared is None:
            page = _Page(
                feed_changes.render(self.reader, rows, batch, backed), seq, has_more, self.reader, self.instance
            )
            page.body = body = _body(page)
            batch.answers[key] = shared = (page.items, body)
        items, body = shared
        return _Page(items, seq, has_more, self.reader, self.instance, body=body)


def _known(hub: Hub, principal: Principal, cursor: str) -> _Page | None:
    reader = hub.known_reader(principal.user_id)
    if reader is None or hub.instance is None or not cursor:
        return None
    try:
        seq = feed.parse_cursor(hub.instance, cursor)
    except feed.CursorInvalid:
        return None  # the full read answers it
    return _Page([], seq, False, reader, hub.instance, seq)


async def _full_read(hub: Hub, db: Database, principal: Principal, cursor: str, limit: int) -> _Page:
    while True:
        epoch = hub.access_epoch(principal.user_id)
        page = await run_in_threadpool(_read, db, principal, cursor, limit)
        if hub.access_epoch(principal.user_id) == epoch:  # else the user's access changed during the read
            hub.remember(page.reader, page.instance)
            return page


def _read(db: Database, principal: Principal, cursor: str, limit: int) -> _Page:
    with db.read() as session:
        instance = feed.instance_id(session)
        after = feed.parse_cursor(instance, cursor)
        actor = principal.actor(session)
        items, new_seq, has_more = sync.pull(session, actor, after, limit)
        # With nothing more to read, new_seq is the feed counter this read saw: the long-poll waits past it.
        # The reader's communities go with every answer: a client that sees them change re-reads or drops
        # (docs/protocol.md).
        return _Page(items, new_seq, has_more, Reader.of(actor), instance, after)


@router.get("/summary", response_model=schema.Summary)
def summary(principal: PullPrincipal, db: DatabaseDep) -> schema.Summary:
    """Counts and the current cursor, to detect drift between the client's copy and the server."""
    with db.read() as session:
        device = session.get_one(Device, principal.device_id)  # the caller authenticated this device
        return sync.summary(session, principal.actor(session), device)
