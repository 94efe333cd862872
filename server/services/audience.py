"""Who may see a committed change, decided once when it commits, and its announcement (a `Notice`).

The audience of a feed row is its community, its product area, its author (or the one reader a row is
addressed to) and the reps who back its insight with a "same here" (its followers). Admins see everything.
With PostgreSQL the notice travels as a NOTIFY payload on a channel named after the schema, so servers on
other databases (or other schemas of one database, as in tests) never hear it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import SameHere

if TYPE_CHECKING:
    from server.services.feed import Pending

# PostgreSQL refuses payloads of 8000 bytes or more; a larger audience is announced as "everyone".
MAX_PAYLOAD = 7000
# One channel per schema; md5 keeps the name under PostgreSQL's 63-byte limit whatever the schema is called.
CHANNEL_SQL = "'palaute_feed_' || md5(current_schema())"


@dataclass(frozen=True)
class Notice:
    """Feed rows first..last were committed; these may see them (`everyone`: not known, check each reader)."""

    first: int
    last: int
    communities: frozenset[int] = frozenset()
    areas: frozenset[int] = frozenset()
    users: frozenset[int] = frozenset()
    everyone: bool = False

    def keys(self) -> Iterator[tuple[str, int]]:
        yield from (("c", c) for c in self.communities)
        yield from (("a", a) for a in self.areas)
        yield from (("u", u) for u in self.users)

    def tail(self) -> str:
        """The payload after the last sequence number (which only the database knows until it commits)."""
        count = self.last - self.first + 1
        body = {"c": sorted(self.communities), "a": sorted(self.areas), "u": sorted(self.users)}
        text = json.dumps(body, separators=(",", ":"))
        if self.everyone or len(text) > MAX_PAYLOAD:
            text = '{"all":1}'
        return f"{count} {text}"

    @classmethod
    def decode(cls, payload: str) -> Notice | AccessChange:
        """`<last> <count> <json>` (an access change: `m <user ids>`); ValueError for anything else."""
        if payload.startswith("m "):
            return AccessChange.decode(payload)
        last, count, body = payload.split(" ", 2)
        last_seq, rows = int(last), int(count)
        parts = json.loads(body)
        if rows < 1 or not isinstance(parts, dict):
            raise ValueError(f"not a feed notice: {payload[:80]!r}")
        if parts.get("all"):
            return cls(last_seq - rows + 1, last_seq, everyone=True)
        return cls(
            last_seq - rows + 1,
            last_seq,
            frozenset(int(c) for c in parts.get("c", ())),
            frozenset(int(a) for a in parts.get("a", ())),
            frozenset(int(u) for u in parts.get("u", ())),
        )


@dataclass(frozen=True)
class AccessChange:
    """These users' communities or product areas changed (no feed rows): their long-polls read again."""

    users: frozenset[int]

    def payload(self) -> str:
        return "m " + ",".join(str(u) for u in sorted(self.users))

    @classmethod
    def decode(cls, payload: str) -> AccessChange:
        return cls(frozenset(int(u) for u in payload[2:].split(",")))


class Audience(TypedDict):
    """Who may see a notice's rows: a Notice's communities, areas and users."""

    communities: frozenset[int]
    areas: frozenset[int]
    users: frozenset[int]


def decide(session: Session, pending: Sequence[Pending]) -> Audience:
    """The audience of these pending feed rows, asked of the database at most once (followers)."""
    communities = {p.community_id for p in pending}
    areas = {p.product_area_id for p in pending if p.product_area_id is not None}
    users = {p.author_id for p in pending}
    # A new insight has no followers yet: a push of new insights costs no query here.
    known = {p.insight_id for p in pending if not p.fresh}
    if known:
        users.update(session.scalars(select(SameHere.user_id).where(SameHere.insight_id.in_(known)).distinct()))
    return {"communities": frozenset(communities), "areas": frozenset(areas), "users": frozenset(users)}
