"""Tracker links of an insight: link it to a Jira issue or an Azure DevOps work item by URL (product team)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError

from server.api.deps import ERRORS, ApiError, ApiPrincipal, DatabaseDep
from server.models import TrackerLink
from server.services import trackers

router = APIRouter(prefix="/insights", tags=["tracker links"], responses=ERRORS)
InsightId = Annotated[str, Path(max_length=36, description="The insight's UUID")]


class LinkCreate(BaseModel):
    url: str = Field(max_length=2000, description="A Jira issue (…/browse/PAY-123) or Azure DevOps work item URL")


class Link(BaseModel):
    id: int
    insight_id: str
    system: str = Field(description="jira | ado")
    key: str = Field(description="PAY-123, or <organization>/<work item id>")
    url: str


def _out(link: TrackerLink) -> Link:
    return Link(id=link.id, insight_id=link.insight_id, system=link.system, key=link.key, url=link.url)


@router.post(
    "/{insight_id}/links",
    response_model=Link,
    status_code=201,
    responses={200: {"model": Link, "description": "Already linked to this item"}},
)
def add_link(insight_id: InsightId, body: LinkCreate, principal: ApiPrincipal, db: DatabaseDep) -> JSONResponse:
    """Link the insight to a tracker item; the item's status changes then move the insight's status
    (see docs/integrations.md). Linking the same item again answers 200 with the existing link."""
    try:
        with db.write() as session:
            link, fresh = trackers.add_link(session, principal.actor(session), insight_id.lower(), body.url)
            out = _out(link)
    except IntegrityError:
        raise ApiError(409, "conflict", "this link was added concurrently; retry") from None
    return JSONResponse(out.model_dump(), status_code=201 if fresh else 200)


@router.get("/{insight_id}/links", response_model=list[Link])
def list_links(insight_id: InsightId, principal: ApiPrincipal, db: DatabaseDep) -> list[Link]:
    with db.read() as session:
        return [_out(link) for link in trackers.links_of(session, principal.actor(session), insight_id.lower())]
