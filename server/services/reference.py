"""Communities and product areas: lookups by slug or id (cached per process), and creating them."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TypeVar, overload

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Community, ProductArea
from server.services.errors import Invalid


@dataclass(frozen=True)
class Ref:
    """A community or product area as plain values (safe to share between sessions and threads)."""

    id: int
    slug: str
    name: str


# {(database url, model): ({slug: Ref}, {id: Ref})}. Rows are only ever added, so a miss reloads before refusing:
# a community added by another process is found, and nothing stale is ever accepted.
_cache: dict[tuple[str, type], tuple[dict[str, Ref], dict[int, Ref]]] = {}
_lock = threading.Lock()
_Row = TypeVar("_Row", Community, ProductArea)


def communities(session: Session) -> list[Community]:
    return list(session.scalars(select(Community).order_by(Community.name)))


def product_areas(session: Session) -> list[ProductArea]:
    return list(session.scalars(select(ProductArea).order_by(ProductArea.name)))


def community_by_slug(session: Session, slug: str) -> Ref:
    found = _lookup(session, Community, slug)
    if found is None:
        raise Invalid(f"unknown community {slug!r}")
    return found


@overload
def product_area_by_slug(session: Session, slug: str) -> Ref: ...
@overload
def product_area_by_slug(session: Session, slug: None) -> None: ...
@overload
def product_area_by_slug(session: Session, slug: str | None) -> Ref | None: ...
def product_area_by_slug(session: Session, slug: str | None) -> Ref | None:
    if slug is None:
        return None
    found = _lookup(session, ProductArea, slug)
    if found is None:
        raise Invalid(f"unknown product area {slug!r}")
    return found


def community_by_id(session: Session, community_id: int) -> Ref:
    return _by_id(session, Community, community_id)


def product_area_by_id(session: Session, area_id: int | None) -> Ref | None:
    return None if area_id is None else _by_id(session, ProductArea, area_id)


def add_community(session: Session, slug: str, name: str, *, is_open: bool = False) -> Community:
    return _add(session, Community, slug, name, open=is_open)


def add_product_area(session: Session, slug: str, name: str) -> ProductArea:
    return _add(session, ProductArea, slug, name)


def _add(session: Session, model: type[_Row], slug: str, name: str, **extra: bool) -> _Row:
    if session.scalar(select(model).where(model.slug == slug)) is not None:
        raise Invalid(f"{slug!r} already exists")
    row = model(slug=slug, name=name, **extra)
    session.add(row)
    session.flush()
    return row


def _lookup(session: Session, model: type[_Row], slug: str) -> Ref | None:
    found = _refs(session, model)[0].get(slug)
    return found if found is not None else _refs(session, model, reload=True)[0].get(slug)


def _by_id(session: Session, model: type[_Row], row_id: int) -> Ref:
    found = _refs(session, model)[1].get(row_id) or _refs(session, model, reload=True)[1].get(row_id)
    if found is None:
        raise LookupError(f"{model.__tablename__} id {row_id} does not exist")
    return found


def _refs(session: Session, model: type[_Row], *, reload: bool = False) -> tuple[dict[str, Ref], dict[int, Ref]]:
    if "reference_db" not in session.info:  # rendering the URL is not free; once per session
        session.info["reference_db"] = str(session.get_bind().engine.url)
    key = (session.info["reference_db"], model)
    refs = _cache.get(key)
    if refs is None or reload:
        rows = [Ref(row.id, row.slug, row.name) for row in session.scalars(select(model))]
        refs = ({r.slug: r for r in rows}, {r.id: r for r in rows})
        with _lock:
            _cache[key] = refs
    return refs
