"""Communities and product areas: lookups by slug, and creating them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Community, ProductArea
from server.services.errors import Invalid


def communities(session: Session) -> list[Community]:
    return list(session.scalars(select(Community).order_by(Community.name)))


def product_areas(session: Session) -> list[ProductArea]:
    return list(session.scalars(select(ProductArea).order_by(ProductArea.name)))


def community_by_slug(session: Session, slug: str) -> Community:
    found = _slug_map(session, Community).get(slug)
    if found is None:
        raise Invalid(f"unknown community {slug!r}")
    return found


def product_area_by_slug(session: Session, slug: str | None) -> ProductArea | None:
    if slug is None:
        return None
    found = _slug_map(session, ProductArea).get(slug)
    if found is None:
        raise Invalid(f"unknown product area {slug!r}")
    return found


def add_community(session: Session, slug: str, name: str) -> Community:
    return _add(session, Community, slug, name)


def add_product_area(session: Session, slug: str, name: str) -> ProductArea:
    return _add(session, ProductArea, slug, name)


def _add(session: Session, model, slug: str, name: str):
    if session.scalar(select(model).where(model.slug == slug)) is not None:
        raise Invalid(f"{slug!r} already exists")
    row = model(slug=slug, name=name)
    session.add(row)
    session.flush()
    session.info.pop(("slugs", model), None)
    session.info.pop(("ids", model), None)
    return row


def _slug_map(session: Session, model) -> dict:
    # Cached per session: a push of 100 insights looks the same few slugs up 100 times.
    key = ("slugs", model)
    if key not in session.info:
        session.info[key] = {row.slug: row for row in session.scalars(select(model))}
    return session.info[key]


def community_by_id(session: Session, community_id: int) -> Community:
    return _id_map(session, Community)[community_id]


def product_area_by_id(session: Session, area_id: int | None) -> ProductArea | None:
    return None if area_id is None else _id_map(session, ProductArea)[area_id]


def _id_map(session: Session, model) -> dict:
    key = ("ids", model)
    if key not in session.info:
        session.info[key] = {row.id: row for row in _slug_map(session, model).values()}
    return session.info[key]
