"""Push, pull (long-poll, ETag) and summary: the desktop's sync calls (docs/protocol.md)."""

from __future__ import annotations

import itertools
import time
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from protocol import schema
from server.api.deps import ERRORS, ApiError, DatabaseDep, PullPrincipal, PushPrincipal, SettingsDep
from server.models import Device
from server.services import feed, sync

router = APIRouter(prefix="/sync", tags=["sync"], responses=ERRORS)


@router.post("/push", response_model=schema.PushResponse)
def push(body: schema.PushRequest, principal: PushPrincipal, db: DatabaseDep):
    """Apply a batch of mutations in one transaction; one result per mutation, 200 even if some are rejected."""
    numbers = [m.number for m in body.mutations]
    if any(b <= a for a, b in itertools.pairwise(numbers)):
        raise ApiError(422, "invalid", "mutation numbers must increase within a batch")
    for attempt in range(3):
        try:
            with db.write() as session:
                answer = sync.push(session, principal.actor(session), principal.device_id, body)
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
        304: {"description": "Nothing new (If-None-Match matched)"},
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
):
    """Changes visible to the caller after `cursor`, in commit order; waits up to `wait` s for one."""
    watcher = request.app.state.watcher
    deadline = time.monotonic() + min(wait, settings.long_poll_max_seconds)
    while True:
        event = watcher.subscribe()  # before reading, so a commit right after the read still wakes us
        items, new_cursor, has_more, upto, mine = await run_in_threadpool(_read, db, principal, cursor, limit)
        remaining = deadline - time.monotonic()
        if items or remaining <= 0 or await request.is_disconnected():
            break
        if not await watcher.wait(event, remaining, upto):
            break
    etag = f'"{new_cursor}"'
    if not items and if_none_match == etag:
        return Response(status_code=304, headers={"ETag": etag})
    body = schema.ChangesResponse(cursor=new_cursor, has_more=has_more, changes=items, communities=mine)
    return Response(body.model_dump_json(), media_type="application/json", headers={"ETag": etag})


def _read(db, principal, cursor: str, limit: int):
    with db.read() as session:
        instance = feed.instance_id(session)
        after = feed.parse_cursor(instance, cursor)
        actor = principal.actor(session)
        items, new_seq, has_more = sync.pull(session, actor, after, limit)
        # The reader's communities now: a client that sees them change re-reads or drops (docs/protocol.md).
        mine = sorted(c.slug for c in actor.communities)
        # With nothing more to read, new_seq is the feed counter this read saw: the long-poll waits past it.
        return items, feed.make_cursor(instance, new_seq), has_more, new_seq, mine


@router.get("/summary", response_model=schema.Summary)
def summary(principal: PullPrincipal, db: DatabaseDep):
    """Counts and the current cursor, to detect drift between the client's copy and the server."""
    with db.read() as session:
        device = session.get(Device, principal.device_id)
        return sync.summary(session, principal.actor(session), device)
