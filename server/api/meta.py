"""Health and reference data."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from protocol import schema
from server.api.deps import ERRORS, ApiPrincipal, DatabaseDep
from server.services import reference

router = APIRouter(tags=["meta"], responses=ERRORS)


@router.get("/health", response_model=schema.Health)
def health(db: DatabaseDep):
    """Liveness and database reachability (for load balancers; no sign-in needed)."""
    try:
        with db.read() as session:
            session.execute(text("SELECT 1"))
    except Exception:
        return JSONResponse({"error": "unavailable", "message": "database unreachable", "details": None}, 503)
    return schema.Health(status="ok", protocol=schema.PROTOCOL_VERSION, database="ok")


@router.get("/communities", response_model=list[schema.Community])
def communities(principal: ApiPrincipal, db: DatabaseDep):
    with db.read() as session:
        return [schema.Community(slug=c.slug, name=c.name) for c in reference.communities(session)]


@router.get("/product-areas", response_model=list[schema.ProductArea])
def product_areas(principal: ApiPrincipal, db: DatabaseDep):
    with db.read() as session:
        return [schema.ProductArea(slug=a.slug, name=a.name) for a in reference.product_areas(session)]
