"""Plain view objects the templates read, so templates never depend on the ORM models' shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class WebUser:
    id: str
    name: str
    role: str


@dataclass(frozen=True)
class Option:
    slug: str
    name: str


@dataclass(frozen=True)
class InsightRow:
    id: str
    text: str
    impact: str
    status: str
    community_name: str
    product_area_name: str | None
    author: str
    customer_ref: str | None
    tags: tuple[str, ...]
    created_at: datetime
    duplicate_of: str | None
    reply_count: int
    pii_flagged: bool = False  # holds personal data (masked by the server, or kept by the rep on purpose)
    customers: int = 1  # who is behind it, "same here"s and merged duplicates included
    reps: int = 1


@dataclass(frozen=True)
class ReplyView:
    id: str
    author: str
    author_role: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class SameHereView:
    """One "same here" on the insight page; `merged_from` is the duplicate it came with, if any."""

    author: str
    customer_ref: str | None
    impact: str
    note: str | None
    created_at: datetime
    merged_from: str | None = None
    merged_from_text: str | None = None  # that duplicate's text, when the user may see it
    said_on: str | None = None  # set when said on a duplicate of this insight (and moved here with it)
    said_on_text: str | None = None


@dataclass(frozen=True)
class TimelineItem:
    """One entry of an insight's conversation: a reply, a status change, a merge or a "same here".

    kind: reply | status | merged (this one was marked a duplicate of `other_id`) | unmerged |
    merged_in (`other_id` was marked a duplicate of this one) | same_here.
    """

    kind: str
    at: datetime
    who: str
    role: str = "product"
    body: str = ""
    status: str | None = None
    other_id: str | None = None
    other_text: str | None = None  # the other insight's text, when the user may see it
    customer_ref: str | None = None


@dataclass(frozen=True)
class SimilarView:
    """An insight like the one on the page (the desktop hints' scorer), with what it takes to merge."""

    id: str
    text: str
    status: str
    community_name: str
    customers: int
    reps: int
    score: float


@dataclass(frozen=True)
class InsightView:
    id: str
    text: str
    impact: str
    status: str
    community_slug: str
    community_name: str
    product_area_name: str | None
    author: str
    customer_ref: str | None
    tags: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    withdrawn: bool
    duplicate_of: str | None
    version: int
    replies: tuple[ReplyView, ...] = ()
    pii_flagged: bool = False
    # The original's text when this is a duplicate the user can see, and the visible duplicates of this one.
    duplicate_of_text: str | None = None
    duplicates: tuple[tuple[str, str], ...] = ()
    customers: int = 1
    reps: int = 1
    same_heres: tuple[SameHereView, ...] = ()
    timeline: tuple[TimelineItem, ...] = ()
    similar: tuple[SimilarView, ...] = ()


@dataclass(frozen=True)
class InboxFilters:
    q: str = ""
    community: str = ""
    product_area: str = ""
    status: str = ""
    impact: str = ""
    sort: str = "customers"  # an order, not a filter (labels.SORTS)
    show: str = ""  # "" open insights (merged duplicates left out), "awaiting", "all" (labels.SHOWS)

    def any(self) -> bool:
        return any((self.q, self.community, self.product_area, self.status, self.impact, self.show))

    def as_query(self) -> dict[str, str]:
        # The default order stays out of links, so addresses shared before sorting existed still match.
        return {k: v for k, v in vars(self).items() if v and (k, v) != ("sort", "customers")}


@dataclass
class SummaryRow:
    name: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class SummaryBlock:
    slug: str
    name: str
    rows: list[SummaryRow] = field(default_factory=list)

    @property
    def impact_totals(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for row in self.rows:
            for impact, count in row.counts.items():
                totals[impact] = totals.get(impact, 0) + count
        return totals

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


@dataclass(frozen=True)
class DigestChoice:
    """The digest page's selection: which week, which community ("" for all of the user's)."""

    week: str
    community: str
    previous_week: str
    next_week: str | None  # None when the chosen week is the current one (the future has no news)
