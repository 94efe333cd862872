"""What the communities return, in numbers: per ISO week (UTC), the loop figures, per community and area.

The weekly counts come from the roll-up (services/rollup.py: per ISO week and (community, product area),
rebuilt for the weeks the feed says changed), so a year of figures is a few hundred small rows whatever the
number of insights. What depends on the moment or on pulls is read live through indexes: who was told
(`shipped_seq` against the author's `acked_seq`, services/delivery.py), the last 7 days' "answered within 7
days", the first-reply percentiles (PostgreSQL's percentile_cont; in Python on SQLite) and rising topics.

Definitions (docs/analytics.md):
- captured: insights created in the week, withdrawn ones left out, merged duplicates counted (each was a
  capture);
- same heres: "same here"s said in the week (not the rows standing for merged duplicates);
- answered: insights whose first product-side reply came in the week;
- shipped: insights set to shipped in the week (originals only: a merged duplicate ships with its original);
- customers: distinct customers behind the week's captures and "same here"s (references compared without
  case and spaces; each report without a reference is one more customer);
- first reply p50/p90: hours from capture to the first product-side reply, of the insights captured in the
  period that have one;
- answered within 7 days: of the insights captured in the period at least 7 days ago, the share answered
  within 7 days of capture;
- told: of the insights shipped in the period, the share whose author's devices pulled the change that said
  so; customers behind shipped: the sum of their customers.
- rising: the insights whose "same here"s (merged duplicates included) grew most in the last 28 days.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, SQLColumnExpression, case, func, select
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.orm import Session

from protocol.digest import week_of
from server.models import AnalyticsCell, AnalyticsCustomer, Community, Insight, ProductArea, SameHere, User, utcnow
from server.services import feed, reference, rollup
from server.services.access import PRODUCT_ROLES, cell_condition, insight_condition, scope
from server.services.errors import Forbidden, Invalid, NotFound

if TYPE_CHECKING:
    from server.db import Database

# A grid row: community, product area, then same, captured, answered, shipped, customers_shipped, judged,
# in_time, told (see _Queries.grid).
GridRow = tuple[int, int | None, *tuple[int, ...]]
_Group = TypeVar("_Group", Community, ProductArea)

MAX_WEEKS = 156
RISING_DAYS = 28
TOP_RISING = 5
WEEK = timedelta(days=7)
# The background recount (server/recount.py) takes a change in within a second of its commit, or within
# recount.MOST_BEHIND and one recount while commits keep coming (a push stream). A roll-up
# this process has seen stuck at one position for longer (the recount failing, or no worker running it) is
# recounted by the request itself, so no figure is older than this.
STALE_SECONDS = 10.0
_behind: dict[str, tuple[int, float]] = {}  # {database url: (rolled position, first seen behind, monotonic)}
_behind_lock = threading.Lock()
PERCENTILES_KEPT = 256
_percentiles: dict[tuple[object, ...], tuple[float | None, float | None, int]] = {}  # oldest first
_percentiles_lock = threading.Lock()


class WeekFigures(BaseModel):
    week: str  # ISO week, e.g. 2026-W47
    starts: date  # its Monday (UTC)
    captured: int = 0
    same_heres: int = 0
    answered: int = 0
    shipped: int = 0
    customers: int = 0


class LoopFigures(BaseModel):
    first_reply_p50_hours: float | None = None
    first_reply_p90_hours: float | None = None
    replied: int = 0  # insights captured in the period with a product-side reply
    judged_for_7_days: int = 0  # captured in the period, at least 7 days ago
    answered_within_7_days: int = 0
    answered_within_7_days_share: float | None = None
    shipped: int = 0
    shipped_told: int = 0
    shipped_told_share: float | None = None
    customers_behind_shipped: int = 0


class GroupFigures(BaseModel):
    slug: str | None  # None: no product area set
    name: str
    captured: int = 0
    same_heres: int = 0
    answered: int = 0
    shipped: int = 0
    customers_behind_shipped: int = 0
    judged_for_7_days: int = 0
    answered_within_7_days: int = 0

    @property
    def answered_within_7_days_share(self) -> float | None:
        return _share(self.answered_within_7_days, self.judged_for_7_days)


class RisingTopic(BaseModel):
    id: str
    text: str
    community: str
    status: str
    customers: int
    reps: int
    new_same_heres: int


class Analytics(BaseModel):
    starts: datetime
    ends: datetime
    community: str | None = None
    product_area: str | None = None
    weeks: list[WeekFigures]
    loop: LoopFigures
    communities: list[GroupFigures]
    product_areas: list[GroupFigures]
    rising: list[RisingTopic]
    # The weekly and per-group counts do not include changes of the last moments yet: the roll-up is being
    # recounted in the background (seconds). Live figures (told, first reply, rising) are always current.
    recounting: bool = False


def ensure_current(db: Database) -> None:
    """Bring the roll-up up to the feed now, waiting for a recount running elsewhere (a write only when the
    feed moved on since the last time)."""
    with db.read() as session:
        if rollup.is_current(session):
            return
    with db.write() as session:
        rollup.refresh(session)


def prepare(db: Database) -> bool:
    """Before a request reads the figures: True when the roll-up is still recounting recent changes.

    The request then serves the last roll-up and says so ("recounting"); it recounts itself only when the
    roll-up was never built (the first use after the upgrade) or has been behind at the same position for
    STALE_SECONDS as far as this process has seen."""
    with db.read() as session:
        rolled, upto = rollup.position(session)
    if rolled is not None and rolled >= upto:
        return False
    if rolled is not None:
        now = time.monotonic()
        with _behind_lock:
            seen = _behind.get(db.url)
            if seen is None or seen[0] != rolled:
                seen = _behind[db.url] = (rolled, now)
        if now - seen[1] < STALE_SECONDS:
            return True
    ensure_current(db)
    return False


def build(
    session: Session,
    reader: User,
    weeks: int = 12,
    community: str | None = None,
    product_area: str | None = None,
    now: datetime | None = None,
) -> Analytics:
    """The figures of the last `weeks` ISO weeks (this one included) that the reader may see.

    Reads the roll-up as it stands: callers run `ensure_current` first."""
    if reader.role not in PRODUCT_ROLES:
        raise Forbidden("analytics are for the product team")
    now = now or utcnow()
    weeks = max(1, min(MAX_WEEKS, weeks))
    this_monday = datetime.combine(now.astimezone(UTC).date(), datetime.min.time(), UTC)
    this_monday -= timedelta(days=this_monday.weekday())
    starts, ends = this_monday - (weeks - 1) * WEEK, this_monday + WEEK
    q = _Queries(session, reader, community, product_area, starts, ends, now)
    mondays = [(starts + i * WEEK).date() for i in range(weeks)]
    by_week = {m: WeekFigures(week=week_of(datetime.combine(m, datetime.min.time(), UTC)), starts=m) for m in mondays}
    q.weekly(by_week)
    grid = q.grid()
    return Analytics(
        starts=starts,
        ends=ends,
        community=community,
        product_area=product_area,
        weeks=list(by_week.values()),
        loop=q.loop(grid),
        communities=_groups(grid, session, Community, 0),
        product_areas=_groups(grid, session, ProductArea, 1),
        rising=q.rising(),
    )


class _Queries:
    """The reads: the roll-up for the weekly counts, the live rows for what depends on now or on pulls."""

    def __init__(
        self,
        session: Session,
        reader: User,
        community: str | None,
        product_area: str | None,
        starts: datetime,
        ends: datetime,
        now: datetime,
    ) -> None:
        self.session, self.starts, self.ends, self.now = session, starts, ends, now
        self.dates = rollup.Dates(session)
        communities, areas = scope(reader)
        # What the first-reply percentiles depend on besides the rows (see _first_reply_percentiles).
        self.percentile_key = (
            str(session.get_bind().engine.url),
            reader.role,
            communities,
            areas,
            community or "",
            product_area or "",
            starts,
            ends,
        )
        try:
            community_id = reference.community_by_slug(session, community).id if community else None
            area = reference.product_area_by_slug(session, product_area) if product_area else None
        except Invalid as error:  # a filter that names nothing answers like a path that names nothing
            raise NotFound(str(error)) from None
        self.scope = [insight_condition(reader), Insight.withdrawn.is_(False)]
        if community_id is not None:
            self.scope.append(Insight.community_id == community_id)
        if area is not None:
            self.scope.append(Insight.product_area_id == area.id)

        def cells(table: type[AnalyticsCell] | type[AnalyticsCustomer]) -> list[ColumnElement[bool]]:
            found = [cell_condition(reader, table.community_id, table.product_area_id)]
            found.append((table.week >= starts.date()) & (table.week < ends.date()))
            if community_id is not None:
                found.append(table.community_id == community_id)
            if area is not None:
                found.append(table.product_area_id == area.id)
            return found

        self.cells, self.customer_cells = cells(AnalyticsCell), cells(AnalyticsCustomer)

    def within(self, column: SQLColumnExpression[datetime | None]) -> ColumnElement[bool]:
        return (column >= self.starts) & (column < self.ends)

    # -- per week, from the roll-up
    def weekly(self, by_week: dict[date, WeekFigures]) -> None:
        c = AnalyticsCell
        rows = self.session.execute(
            select(
                c.week,
                func.sum(c.captured),
                func.sum(c.same_heres),
                func.sum(c.answered),
                func.sum(c.shipped),
                func.sum(c.unnamed),
                func.sum(c.customers),
            )
            .where(*self.cells)
            .group_by(c.week)
        )
        for week, captured, same, answered, shipped, unnamed, customers in rows:
            figures = by_week.get(rollup.as_date(week))
            if figures is not None:
                figures.captured, figures.same_heres = int(captured or 0), int(same or 0)
                figures.answered, figures.shipped = int(answered or 0), int(shipped or 0)
                figures.customers += int(unnamed or 0) + int(customers or 0)
        # A customer behind reports in several of the reader's cells that week was counted once per cell.
        k = AnalyticsCustomer
        places = (
            select(k.week, (func.count() - 1).label("extra"))
            .where(*self.customer_cells)
            .group_by(k.week, k.customer_key)
            .subquery()
        )
        for week, extra in self.session.execute(
            select(places.c.week, func.sum(places.c.extra)).group_by(places.c.week)
        ):
            figures = by_week.get(rollup.as_date(week))
            if figures is not None:
                figures.customers -= int(extra or 0)

    # -- per community and product area: the roll-up, and live what depends on now and on pulls
    def grid(self) -> list[GridRow]:
        """Rows (community, area, same, captured, answered, shipped, customers_shipped, judged, in_time, told)."""
        c = AnalyticsCell
        cutoff = self.now - WEEK  # captured before it: had its 7 days
        cutoff_monday = datetime.combine(cutoff.astimezone(UTC).date(), datetime.min.time(), UTC)
        cutoff_monday -= timedelta(days=cutoff_monday.weekday())
        settled = c.week < cutoff_monday.date()  # whole weeks that had their 7 days: judged = captured
        cells: dict[tuple[int, int | None], list[int]] = {}

        def add(key: tuple[int, int | None], index: int, value: int | Decimal | None) -> None:
            cells.setdefault(key, [0] * 8)[index] += int(value or 0)

        for community, area, same, captured, answered, shipped, judged, in_time in self.session.execute(
            select(
                c.community_id,
                c.product_area_id,
                func.sum(c.same_heres),
                func.sum(c.captured),
                func.sum(c.answered),
                func.sum(c.shipped),
                func.sum(case((settled, c.captured), else_=0)),
                func.sum(case((settled, c.in_time), else_=0)),
            )
            .where(*self.cells)
            .group_by(c.community_id, c.product_area_id)
        ):
            for index, value in enumerate((same, captured, answered, shipped, 0, judged, in_time)):
                add((community, area), index, value)
        recent_from = max(self.starts, cutoff_monday)
        hours = self.dates.hours(Insight.created_at, Insight.first_reply_at)
        for community, area, judged, in_time in self.session.execute(
            select(
                Insight.community_id,
                Insight.product_area_id,
                func.count(),
                func.sum(case(((Insight.first_reply_at.is_not(None)) & (hours <= 7 * 24), 1), else_=0)),
            )
            .where(*self.scope, Insight.created_at >= recent_from, Insight.created_at <= cutoff)
            .group_by(Insight.community_id, Insight.product_area_id)
        ):
            add((community, area), 5, judged)
            add((community, area), 6, in_time)
        for community, area, customers, told in self.session.execute(
            select(
                Insight.community_id,
                Insight.product_area_id,
                func.sum(Insight.customers),
                func.sum(case((User.acked_seq >= Insight.shipped_seq, 1), else_=0)),
            )
            .join(User, User.id == Insight.author_id)
            .where(
                *self.scope,
                Insight.status == "shipped",
                Insight.duplicate_of.is_(None),
                self.within(Insight.status_changed_at),
            )
            .group_by(Insight.community_id, Insight.product_area_id)
        ):
            add((community, area), 4, customers)
            add((community, area), 7, told)
        return [(community, area, *values) for (community, area), values in cells.items()]

    # -- the loop
    def loop(self, grid: list[GridRow]) -> LoopFigures:
        totals = [sum(column) for column in zip(*(row[2:] for row in grid), strict=True)] if grid else [0] * 8
        _same, _captured, _answered, shipped, customers, judged, in_time, told = totals
        p50, p90, replied = self._first_reply_percentiles()
        return LoopFigures(
            first_reply_p50_hours=p50,
            first_reply_p90_hours=p90,
            replied=replied,
            judged_for_7_days=judged,
            answered_within_7_days=in_time,
            answered_within_7_days_share=_share(in_time, judged),
            shipped=shipped,
            shipped_told=told,
            shipped_told_share=_share(told, shipped),
            customers_behind_shipped=customers,
        )

    def _first_reply_percentiles(self) -> tuple[float | None, float | None, int]:
        """Computed over every replied insight of the period the reader sees (60,000 a year for an admin of a
        large organisation), so kept per feed position: every change to a capture time, a first reply, a
        withdrawal or who sees an insight writes a feed row. The position is read first: a figure computed
        from a newer state than its key is only recomputed sooner."""
        key = (*self.percentile_key, feed.last_seq(self.session))
        with _percentiles_lock:
            found = _percentiles.get(key)
        if found is None:
            found = self._compute_first_reply_percentiles()
            with _percentiles_lock:
                _percentiles[key] = found
                while len(_percentiles) > PERCENTILES_KEPT:
                    del _percentiles[next(iter(_percentiles))]
        return found

    def _compute_first_reply_percentiles(self) -> tuple[float | None, float | None, int]:
        hours = self.dates.hours(Insight.created_at, Insight.first_reply_at)
        where = (*self.scope, self.within(Insight.created_at), Insight.first_reply_at.is_not(None))
        if self.dates.pg:
            both, count = self.session.execute(
                select(func.percentile_cont(array([0.5, 0.9])).within_group(hours), func.count()).where(*where)
            ).one()
            p50, p90 = both or (None, None)
            return _round(p50), _round(p90), int(count)
        values = sorted(float(v) for v in self.session.scalars(select(hours).where(*where)))
        return _round(percentile(values, 0.5)), _round(percentile(values, 0.9)), len(values)

    # -- rising topics
    def rising(self) -> list[RisingTopic]:
        """Grouped over the last 28 days' "same here"s alone (an index range), then the best visible ones:
        joining first would make the database scan every insight the reader may see."""
        since = self.now - timedelta(days=RISING_DAYS)
        grew = func.count().label("grew")
        counts = self.session.execute(
            select(SameHere.insight_id, grew)
            .where(SameHere.created_at >= since, SameHere.created_at <= self.now)
            .group_by(SameHere.insight_id)
            .order_by(grew.desc(), SameHere.insight_id)
        ).all()
        found: list[tuple[Insight, int]] = []
        for start in range(0, len(counts), 200):
            chunk = counts[start : start + 200]
            visible = {
                i.id: i
                for i in self.session.scalars(
                    select(Insight).where(
                        Insight.id.in_([insight_id for insight_id, _ in chunk]),
                        *self.scope,
                        Insight.duplicate_of.is_(None),
                    )
                )
            }
            found += [(visible[insight_id], n) for insight_id, n in chunk if insight_id in visible]
            if len(found) >= TOP_RISING:
                break
        return [
            RisingTopic(
                id=insight.id,
                text=insight.text,
                community=insight.community.name,
                status=insight.status,
                customers=insight.customers,
                reps=insight.reps,
                new_same_heres=int(n),
            )
            for insight, n in found[:TOP_RISING]
        ]


def _groups(grid: list[GridRow], session: Session, model: type[_Group], index: int) -> list[GroupFigures]:
    """Per community (index 0) or per product area (index 1): the grid's cells summed."""
    names = {row.id: (row.slug, row.name) for row in session.scalars(select(model))}
    groups: dict[int | None, GroupFigures] = {}
    for row in grid:
        key = row[index]
        slug, name = names.get(key, (None, "No product area")) if key is not None else (None, "No product area")
        g = groups.setdefault(key, GroupFigures(slug=slug, name=name))
        same, captured, answered, shipped, customers, judged, in_time, _told = row[2:]
        g.same_heres += same
        g.captured += captured
        g.answered += answered
        g.shipped += shipped
        g.customers_behind_shipped += customers
        g.judged_for_7_days += judged
        g.answered_within_7_days += in_time
    return sorted(groups.values(), key=lambda g: (-g.captured, g.name))


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (PostgreSQL's percentile_cont), of sorted values."""
    if not values:
        return None
    position = (len(values) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _round(value: float | Decimal | None) -> float | None:
    return None if value is None else round(float(value), 2)
