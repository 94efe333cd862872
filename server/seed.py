"""Reference data seeded on first start (the desktop core seeds the same slugs)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Community, FeedCounter, Meta, ProductArea

COMMUNITIES = {
    "payments": "Payments CoP",
    "mobile-app": "Mobile app CoP",
    "onboarding": "Onboarding CoP",
    "cards": "Cards CoP",
    "online-banking": "Online banking CoP",
}
PRODUCT_AREAS = {
    "payments": "Payments",
    "cards": "Cards",
    "loans": "Loans & mortgages",
    "mobile-app": "Mobile app",
    "online-bank": "Online bank",
    "onboarding": "Onboarding & KYC",
    "insurance": "Insurance claims",
    "other": "Other",
}


def seed(session: Session) -> None:
    """Insert what is missing; never overwrites what an admin changed."""
    if session.get(FeedCounter, 1) is None:
        session.add(FeedCounter(id=1, value=0))
    if session.get(Meta, "instance") is None:
        session.add(Meta(key="instance", value=uuid.uuid4().hex[:12]))
    if session.scalar(select(Community.id).limit(1)) is None:
        session.add_all(Community(slug=slug, name=name) for slug, name in COMMUNITIES.items())
    if session.scalar(select(ProductArea.id).limit(1)) is None:
        session.add_all(ProductArea(slug=slug, name=name) for slug, name in PRODUCT_AREAS.items())
