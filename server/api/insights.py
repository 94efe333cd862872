"""The insight REST calls: list, read a thread and its "same here"s, reply; status and duplicates (product)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from sqlalchemy.exc import IntegrityError

from privacy.detector import detected_ahead
from protocol import schema
from server.api.deps import ERRORS, ApiError, ApiPrincipal, DatabaseDep
from server.models import Reply
from server.services import backing, inbox, triage
from server.services.insights import many_to_schema, reply_to_schema, to_schema

router = APIRouter(prefix="/insights", tags=["insights"], responses=ERRORS)
# Typed as the document says (a UUID, a slug): nothing else reaches the database, where PostgreSQL cannot even
# compare text holding a NUL character.
InsightId = Annotated[schema.Uuid, Path(description="The insight's UUID")]


@router.get("", response_model=schema.InsightList)
def list_insights(
    principal: ApiPrincipal,
    db: DatabaseDep,
    community: schema.Slug | None = None,
    product_area: schema.Slug | None = None,
    status: schema.Status | None = None,
    impact: schema.Impact | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    include_withdrawn: bool = False,
    sort: Literal["newest", "customers"] = "newest",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> schema.InsightList:
    """Insights visible to the caller, filtered; newest first, or with `sort=customers` the ones with the most
    customers behind them first (then newest)."""
    filters = inbox.InboxFilter(community, product_area, status, impact, schema.clean_text(q or ""), include_withdrawn)
    with db.read() as session:
        actor = principal.actor(session)
        rows, total = inbox.list_insights(session, actor, filters, limit=limit, offset=offset, sort=sort)
        return schema.InsightList(insights=many_to_schema(session, actor, rows), total=total)


@router.get("/{insight_id}", response_model=schema.InsightThread)
def get_thread(insight_id: InsightId, principal: ApiPrincipal, db: DatabaseDep) -> schema.InsightThread:
    with db.read() as session:
        actor = principal.actor(session)
        insight, replies = inbox.get_thread(session, actor, insight_id)
        return schema.InsightThread(insight=to_schema(insight, actor), replies=[reply_to_schema(r) for r in replies])


@router.get("/{insight_id}/same-heres", response_model=list[schema.SameHere])
def same_heres(insight_id: InsightId, principal: ApiPrincipal, db: DatabaseDep) -> list[schema.SameHere]:
    """The "same here"s counted on a visible insight (merged duplicates included), oldest first. Customer
    references and notes only for the product team and for each rep's own."""
    with db.read() as session:
        return backing.of_insight(session, principal.actor(session), insight_id)


@router.post(
    "/{insight_id}/replies",
    response_model=schema.Reply,
    status_code=201,
    responses={200: {"model": schema.Reply, "description": "This reply id was already stored"}},
)
def add_reply(insight_id: InsightId, body: schema.ReplyCreate, principal: ApiPrincipal, db: DatabaseDep) -> Response:
    """Reply in the insight's thread; sending the same reply id again is answered 200, not stored twice."""
    try:
        # Detect personal data in the body before taking the write lock (see sync.push).
        with detected_ahead([body.body]), db.write() as session:
            existed = body.id is not None and session.get(Reply, body.id) is not None
            reply = triage.add_reply(session, principal.actor(session), insight_id, body.body, body.id)
            out = reply_to_schema(reply)
    except IntegrityError:
        raise ApiError(409, "conflict", "this reply id was stored concurrently; retry") from None
    return Response(out.model_dump_json(), status_code=200 if existed else 201, media_type="application/json")


@router.post("/{insight_id}/status", response_model=schema.Insight)
def set_status(
    insight_id: InsightId, body: schema.StatusUpdate, principal: ApiPrincipal, db: DatabaseDep
) -> schema.Insight:
    with db.write() as session:
        actor = principal.actor(session)
        return to_schema(triage.set_status(session, actor, insight_id, body.status), actor)


@router.post("/{insight_id}/duplicate", response_model=schema.Insight)
def mark_duplicate(
    insight_id: InsightId, body: schema.DuplicateRequest, principal: ApiPrincipal, db: DatabaseDep
) -> schema.Insight:
    with db.write() as session:
        actor = principal.actor(session)
        insight = triage.mark_duplicate(session, actor, insight_id, body.original_id)
        return to_schema(insight, actor)
