"""Communities and product areas: the seeded lists, and finding one from what a user typed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import Community, ProductArea
from desktop.errors import InvalidInput
from desktop.language import _
from desktop.store.models import CommunityRow, InsightRow, ProductAreaRow

# Useful before any server exists; the server seeds the same slugs, so insights captured offline map 1:1.
SEED_COMMUNITIES = [
    ("payments", "Payments CoP"),
    ("mobile-app", "Mobile app CoP"),
    ("onboarding", "Onboarding CoP"),
    ("cards", "Cards CoP"),
    ("online-banking", "Online banking CoP"),
]
SEED_PRODUCT_AREAS = [
    ("payments", "Payments"),
    ("cards", "Cards"),
    ("loans", "Loans & mortgages"),
    ("mobile-app", "Mobile app"),
    ("online-bank", "Online bank"),
    ("onboarding", "Onboarding & KYC"),
    ("insurance", "Insurance claims"),
    ("other", "Other"),
]


def needs_seed(session: Session) -> bool:
    return (
        session.scalar(select(CommunityRow.slug).limit(1)) is None
        or session.scalar(select(ProductAreaRow.slug).limit(1)) is None
    )


def seed_if_empty(session: Session) -> None:
    if session.scalar(select(CommunityRow.slug).limit(1)) is None:
        session.add_all(CommunityRow(slug=s, name=n, position=i) for i, (s, n) in enumerate(SEED_COMMUNITIES))
    if session.scalar(select(ProductAreaRow.slug).limit(1)) is None:
        session.add_all(ProductAreaRow(slug=s, name=n, position=i) for i, (s, n) in enumerate(SEED_PRODUCT_AREAS))


def communities(session: Session) -> list[Community]:
    # The rep's own communities first (the capture window offers them first), then the rest.
    rows = session.scalars(
        select(CommunityRow).order_by(CommunityRow.member.desc(), CommunityRow.position, CommunityRow.name)
    )
    return [Community(r.slug, r.name, bool(r.member), bool(r.open)) for r in rows]


def replace_communities(session: Session, listed: list[dict[str, Any]]) -> None:
    """Take the server's list (slug, name, open, member) as the truth; a slug no longer listed is dropped
    unless an insight still names it (an offline capture must stay sendable and readable)."""
    known = {r.slug: r for r in session.scalars(select(CommunityRow))}
    for position, item in enumerate(listed):
        row = known.pop(item["slug"], None) or CommunityRow(slug=item["slug"])
        row.name, row.position = item["name"], position
        row.member, row.open = bool(item.get("member")), bool(item.get("open"))
        session.add(row)
    used = set(session.scalars(select(InsightRow.community).distinct()))
    for slug, row in known.items():
        if slug in used:
            row.member = False
        else:
            session.delete(row)


def product_areas(session: Session) -> list[ProductArea]:
    rows = session.scalars(select(ProductAreaRow).order_by(ProductAreaRow.position, ProductAreaRow.name))
    return [ProductArea(r.slug, r.name) for r in rows]


def resolve(typed: str, choices: list[Community] | list[ProductArea], what: str) -> Community | ProductArea:
    """Match a slug, a name, or a unique prefix of either, ignoring case: "pay" finds "Payments CoP".

    `what` is "community" or "product area"."""
    wanted = typed.strip().casefold()
    choose, ambiguous, unknown = _words(what)
    if not wanted:
        raise InvalidInput(choose)
    exact = [c for c in choices if wanted in (c.slug.casefold(), c.name.casefold())]
    if exact:
        return exact[0]
    prefixed = [c for c in choices if c.slug.casefold().startswith(wanted) or c.name.casefold().startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0]
    names = ", ".join(c.name for c in (prefixed or choices))
    raise InvalidInput((ambiguous if prefixed else unknown).format(typed=typed, names=names))


def _words(what: str) -> tuple[str, str, str]:
    """Whole sentences per kind, so that translators can inflect the noun (no English word glued in)."""
    if what == "community":
        return (
            _("Choose a community."),
            _("“{typed}” matches more than one community: {names}. Type more of the name."),
            _("There is no community called “{typed}”. Known ones: {names}."),
        )
    return (
        _("Choose a product area."),
        _("“{typed}” matches more than one product area: {names}. Type more of the name."),
        _("There is no product area called “{typed}”. Known ones: {names}."),
    )
