"""Health, reference data, and community membership."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from sqlalchemy import text

from protocol import schema
from server.api.deps import ERRORS, ApiPrincipal, DatabaseDep
from server.services import membership, reference

router = APIRouter(tags=["meta"], responses=ERRORS)


@router.get("/health", response_model=schema.Health)
def health(db: DatabaseDep) -> schema.Health | JSONResponse:
    """Liveness and database reachability (for load balancers; no sign-in needed)."""
    try:
        with db.read() as session:
            session.execute(text("SELECT 1"))
    except Exception:
        return JSONResponse(
            {"error": "unavailable", "message": "database unreachable", "details": None},
            503,
            headers={"Retry-After": "5"},
        )
    return schema.Health(status="ok", protocol=schema.PROTOCOL_VERSION, database="ok")


@router.get("/communities", response_model=list[schema.Community])
def communities(principal: ApiPrincipal, db: DatabaseDep) -> list[schema.Community]:
    """Every community; `open`: reps may join or leave it themselves; `member`: you belong to it."""
    with db.read() as session:
        return membership.listing(session, principal.actor(session))


CommunitySlug = Annotated[schema.Slug, Path(description="The community's slug", examples=["payments"])]


@router.put("/me/communities/{slug}", response_model=schema.UserInfo)
def join_community(slug: CommunitySlug, principal: ApiPrincipal, db: DatabaseDep) -> schema.UserInfo:
    """Join an open community (admins: any); your next pull reads its insights."""
    with db.write() as session:
        return membership.join(session, principal.actor(session), slug)


@router.delete("/me/communities/{slug}", response_model=schema.UserInfo)
def leave_community(slug: CommunitySlug, principal: ApiPrincipal, db: DatabaseDep) -> schema.UserInfo:
    """Leave an open community (admins: any)."""
    with db.write() as session:
        return membership.leave(session, principal.actor(session), slug)


@router.get("/product-areas", response_model=list[schema.ProductArea])
def product_areas(principal: ApiPrincipal, db: DatabaseDep) -> list[schema.ProductArea]:
    with db.read() as session:
        return [schema.ProductArea(slug=a.slug, name=a.name) for a in reference.product_areas(session)]
