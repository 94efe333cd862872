"""Community insights in a local store, written the way sync writes what the server sent (for the community tests)."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta

_cursor = itertools.count(1)


def server_insight(
    text: str,
    *,
    community: str = "payments",
    author: str = "anna",
    status: str = "new",
    customers: int = 1,
    reps: int = 1,
    following: bool = False,
    days_ago: int = 0,
    **extra,
) -> dict:
    """An insight as the feed carries it (protocol/schema.py Insight, as JSON)."""
    when = (datetime.now(UTC) - timedelta(days=days_ago)).isoformat()
    return {
        "id": str(uuid.uuid4()),
        "text": text,
        "community": community,
        "product_area": None,
        "customer_ref": None,
        "impact": "medium",
        "tags": [],
        "author": author,
        "created_at": when,
        "updated_at": when,
        "status": status,
        "version": 1,
        "withdrawn": False,
        "duplicate_of": None,
        "pii_flagged": False,
        "customers": customers,
        "reps": reps,
        "following": following,
        **extra,
    }


def pull_into(store, *insights: dict, replies: tuple[dict, ...] = ()) -> None:
    """Apply one page of the feed (not announced: as the first pull of a device)."""
    changes = [{"kind": "insight", "insight": i} for i in insights]
    changes += [{"kind": "reply", "reply": r} for r in replies]
    store.sync.apply_changes(changes, f"test.{next(_cursor)}", announce=False)


def product_reply(insight_id: str, body: str, author: str = "pam") -> dict:
    return {
        "id": str(uuid.uuid4()),
        "insight_id": insight_id,
        "author": author,
        "author_role": "product",
        "body": body,
        "created_at": datetime.now(UTC).isoformat(),
    }
