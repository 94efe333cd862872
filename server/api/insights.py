"""The product team's REST calls: list, read a thread, reply, set status, mark duplicate."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from sqlalchemy.exc import IntegrityError

from protocol import schema
from server.api.deps import ERRORS, ApiError, ApiPrincipal, DatabaseDep
from server.models import Reply
from server.services import inbox, triage
from server.services.insights import reply_to_schema, to_schema

router = APIRouter(prefix="/insights", tags=["insights"], responses=ERRORS)
InsightId = Annotated[str, Path(max_length=36, description="The insight's UUID")]


@router.get("", response_model=schema.InsightList)
def list_insights(principal: ApiPrincipal, db: DatabaseDep,
                  community: Annotated[str | None, Query(max_length=40)] = None,
                  product_area: Annotated[str | None, Query(max_length=40)] = None,
                  status: schema.Status | None = None, impact: schema.Impact | None = None,
                  q: Annotated[str | None, Query(max_length=200)] = None,
                  include_withdrawn: bool = False,
                  limit: Annotated[int, Query(ge=1, le=500)] = 50,
                  offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0):
    """Insights visible to the caller, newest first, filtered."""
    filters = inbox.InboxFilter(community, product_area, status, impact, schema.clean_text(q or ""),
                                include_withdrawn)
    with db.read() as session:
        rows, total = inbox.list_insights(session, principal.actor(session), filters, limit=limit, offset=offset)
        return schema.InsightList(insights=[to_schema(r) for r in rows], total=total)


@router.get("/{insight_id}", response_model=schema.InsightThread)
def get_thread(insight_id: InsightId, principal: ApiPrincipal, db: DatabaseDep):
    with db.read() as session:
        insight, replies = inbox.get_thread(session, principal.actor(session), insight_id.lower())
        return schema.InsightThread(insight=to_schema(insight), replies=[reply_to_schema(r) for r in replies])


@router.post("/{insight_id}/replies", response_model=schema.Reply, status_code=201,
             responses={200: {"model": schema.Reply, "description": "This reply id was already stored"}})
def add_reply(insight_id: InsightId, body: schema.ReplyCreate, principal: ApiPrincipal, db: DatabaseDep):
    """Reply in the insight's thread; sending the same reply id again is answered 200, not stored twice."""
    try:
        with db.write() as session:
            existed = body.id is not None and session.get(Reply, body.id) is not None
            reply = triage.add_reply(session, principal.actor(session), insight_id.lower(), body.body, body.id)
            out = reply_to_schema(reply)
    except IntegrityError:
        raise ApiError(409, "conflict", "this reply id was stored concurrently; retry") from None
    return Response(out.model_dump_json(), status_code=200 if existed else 201, media_type="application/json")


@router.post("/{insight_id}/status", response_model=schema.Insight)
def set_status(insight_id: InsightId, body: schema.StatusUpdate, principal: ApiPrincipal, db: DatabaseDep):
    with db.write() as session:
        return to_schema(triage.set_status(session, principal.actor(session), insight_id.lower(), body.status))


@router.post("/{insight_id}/duplicate", response_model=schema.Insight)
def mark_duplicate(insight_id: InsightId, body: schema.DuplicateRequest, principal: ApiPrincipal,
                   db: DatabaseDep):
    with db.write() as session:
        insight = triage.mark_duplicate(session, principal.actor(session), insight_id.lower(), body.original_id)
        return to_schema(insight)
