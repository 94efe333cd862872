"""The analytics roll-up: counts per ISO week (UTC) and (community, product area), kept up with the feed.

Every change to an insight, its replies or its "same here"s writes a feed row (services/feed.py), so the
feed says which weeks may have changed: the weeks of a changed insight's capture, first product reply and
status changes, and of the "same here"s said on it. Those weeks are rebuilt whole from the insights (never
incremented), which keeps the roll-up right whatever the change was: an edit that moves an insight, a
withdrawal, a merge, a status taken back. An erased insight leaves no trace to follow, so a feed row naming
an insight that no longer exists (rare) rebuilds everything, as does the first use.

`refresh` runs in a write transaction, in the background after commits that wrote to the feed
(server/recount.py), only when the feed moved on. The state row is locked for the whole recount, so two
recounts never overlap (on SQLite the write transaction's lock does the same): a week deleted and inserted
by two at once would count twice. A background recount that finds the row locked leaves the work to the
one holding it, which looks at the feed again before it stops. Reading the figures then costs a few small
queries over the roll-up (services/analytics.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    SQLColumnExpression,
    and_,
    cast,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from server.models import (
    AnalyticsCell,
    AnalyticsCustomer,
    AnalyticsState,
    Change,
    Insight,
    InsightEvent,
    SameHere,
    table_of,
)
from server.services import feed

IN_TIME_HOURS = 7 * 24
COUNTS = ("captured", "same_heres", "answered", "shipped", "in_time", "unnamed", "customers")


class Dates:
    """The dialect's date arithmetic: the Monday of a timestamp's ISO week (UTC) and hours between two."""

    def __init__(self, session: Session) -> None:
        self.pg = session.get_bind().dialect.name == "postgresql"

    def week(self, column: SQLColumnExpression[datetime | None]) -> ColumnElement[date | str]:  # str: SQLite
        if self.pg:
            return cast(func.date_trunc("week", func.timezone("UTC", column)), Date)
        return func.date(column, "-6 days", "weekday 1")  # back 6 days, then forward to a Monday

    def hours(
        self, start: SQLColumnExpression[datetime], end: SQLColumnExpression[datetime | None]
    ) -> ColumnElement[float | Decimal]:  # Decimal: PostgreSQL's numeric
        if self.pg:
            # date_part is double precision; EXTRACT is numeric since PostgreSQL 14, which made the analytics'
            # percentile over a year of replies (60,000 rows for an admin) three times slower.
            return func.date_part("epoch", end - start) / 3600.0
        return (func.julianday(end) - func.julianday(start)) * 24.0


def as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def customer_key(column: SQLColumnExpression[str | None]) -> ColumnElement[str | None]:
    """A customer reference compared without case and spaces (services/backing.py folds all whitespace)."""
    return func.nullif(func.lower(func.replace(func.trim(column), " ", "")), "")


def position(session: Session) -> tuple[int | None, int]:
    """(the feed position the roll-up has taken in, None: never built; the feed's last position). A read."""
    rolled = session.scalar(select(AnalyticsState.rolled_seq).where(AnalyticsState.id == 1))
    return rolled, feed.last_seq(session)


def is_current(session: Session) -> bool:
    """Whether the roll-up has taken in the whole feed (a read: no lock)."""
    rolled, upto = position(session)
    return rolled is not None and rolled >= upto


def refresh(session: Session, *, wait: bool = True) -> int | None:
    """Rebuild the weeks changed since the last refresh; returns how many weeks were rebuilt (-1: all).

    With `wait=False` (the background recount) a recount already running elsewhere (PostgreSQL) is left to
    finish alone: None, nothing done."""
    if wait:
        state = session.get(AnalyticsState, 1, with_for_update=True, populate_existing=True)
    else:
        locked = select(AnalyticsState).where(AnalyticsState.id == 1).with_for_update(skip_locked=True)
        state = session.scalars(locked.execution_options(populate_existing=True)).first()
        if state is None and session.scalar(select(AnalyticsState.id).where(AnalyticsState.id == 1)) is not None:
            return None  # another recount holds it
    if state is None:
        state = AnalyticsState(id=1, rolled_seq=None)
        session.add(state)
    upto = feed.last_seq(session)
    if state.rolled_seq is not None and state.rolled_seq >= upto:
        return 0
    if state.rolled_seq is None or _erased_since(session, state.rolled_seq, upto):
        _rebuild(session, None)
        rebuilt = -1
    else:
        weeks = _changed_weeks(session, state.rolled_seq, upto)
        if weeks:
            _rebuild(session, weeks)
        rebuilt = len(weeks)
    state.rolled_seq = upto
    return rebuilt


def _erased_since(session: Session, after: int, upto: int) -> bool:
    """Whether a feed row of the range names an insight that no longer exists (erased: its weeks are unknown)."""
    changed = select(Change.insight_id).where(Change.seq > after, Change.seq <= upto).distinct().subquery()
    gone = select(changed.c.insight_id).where(~exists().where(Insight.id == changed.c.insight_id)).limit(1)
    return session.scalar(gone) is not None


def _changed_weeks(session: Session, after: int, upto: int) -> set[date]:
    dates = Dates(session)
    changed = select(Change.insight_id).where(Change.seq > after, Change.seq <= upto).distinct().scalar_subquery()
    parts = [
        select(dates.week(column).label("wk")).where(Insight.id.in_(changed), column.is_not(None))
        for column in (Insight.created_at, Insight.first_reply_at, Insight.status_changed_at)
    ]
    parts.append(
        select(dates.week(SameHere.created_at).label("wk")).where(
            or_(SameHere.insight_id.in_(changed), SameHere.said_on.in_(changed))
        )
    )
    # A status taken back (shipped, then declined) leaves the week it shipped in to be recounted.
    parts.append(
        select(dates.week(InsightEvent.created_at).label("wk")).where(
            InsightEvent.insight_id.in_(changed), InsightEvent.kind == "status"
        )
    )
    found = union_all(*parts).subquery()
    return {as_date(w) for w in session.scalars(select(found.c.wk).distinct()) if w is not None}


def _rebuild(session: Session, weeks: set[date] | None) -> None:
    """Recount these weeks (None: every week) from the insights and "same here"s."""
    if weeks is None:
        session.execute(delete(AnalyticsCell))
        session.execute(delete(AnalyticsCustomer))
    else:
        if Dates(session).pg:
            # A few weeks' "same here"s (hundreds) join their insights: by the primary key, not by hashing the
            # whole insights table, which PostgreSQL's default costs (made for disks that seek) prefer.
            session.execute(text("SET LOCAL random_page_cost = 1.1"))
        session.execute(delete(AnalyticsCell).where(AnalyticsCell.week.in_(sorted(weeks))))
        session.execute(delete(AnalyticsCustomer).where(AnalyticsCustomer.week.in_(sorted(weeks))))
    counter = _Counter(session, weeks)
    cells: dict[tuple[date, int, int | None], dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for name, rows in counter.counts():
        for week, community, area, count in rows:
            key = (as_date(week), community, area)
            if weeks is None or key[0] in weeks:
                cells[key][name] += int(count or 0)
    cells_of: dict[tuple[date, str], list[tuple[int, int | None]]] = defaultdict(
        list
    )  # (week, customer) -> the cells it appears in
    for w, c, a, k in counter.customers():
        week = as_date(w)
        if weeks is None or week in weeks:
            cells[(week, c, a)]["customers"] += 1
            cells_of[(week, k[:100])].append((c, a))
    if cells:
        session.execute(
            insert(table_of(AnalyticsCell)),  # Core: one multi-row statement, no ids read back
            [dict(week=w, community_id=c, product_area_id=a, **counts) for (w, c, a), counts in cells.items()],
        )
    shared = [
        dict(week=week, community_id=c, product_area_id=a, customer_key=key)
        for (week, key), places in cells_of.items()
        if len(places) > 1
        for c, a in places
    ]
    for start in range(0, len(shared), 5_000):
        session.execute(insert(table_of(AnalyticsCustomer)), shared[start : start + 5_000])


class _Counter:
    """The grouped queries that fill the roll-up, limited to some weeks (by time ranges, so indexes serve)."""

    def __init__(self, session: Session, weeks: set[date] | None) -> None:
        self.session, self.weeks, self.dates = session, weeks, Dates(session)

    def _in_weeks(self, column: SQLColumnExpression[datetime | None]) -> ColumnElement[bool]:
        if self.weeks is None:
            return column.is_not(None)
        ranges: list[ColumnElement[bool]] = []
        for monday in sorted(self.weeks):
            starts = datetime(monday.year, monday.month, monday.day, tzinfo=UTC)
            ranges.append(and_(column >= starts, column < starts + timedelta(days=7)))
        return or_(*ranges)

    def _grouped(
        self,
        column: SQLColumnExpression[datetime | None],
        *conditions: ColumnElement[bool],
        source: type[SameHere] | None = None,
    ) -> Sequence[Row[date | str, int, int | None, int]]:
        wk = self.dates.week(column)
        query = select(wk, Insight.community_id, Insight.product_area_id, func.count())
        if source is not None:
            query = query.select_from(source).join(Insight, Insight.id == SameHere.said_on)
        return self.session.execute(
            query.where(Insight.withdrawn.is_(False), self._in_weeks(column), *conditions).group_by(
                wk, Insight.community_id, Insight.product_area_id
            )
        ).all()

    def counts(self) -> Iterator[tuple[str, Sequence[Row[date | str, int, int | None, int]]]]:
        hours = self.dates.hours(Insight.created_at, Insight.first_reply_at)
        yield "captured", self._grouped(Insight.created_at)
        yield "answered", self._grouped(Insight.first_reply_at)
        yield (
            "shipped",
            self._grouped(Insight.status_changed_at, Insight.status == "shipped", Insight.duplicate_of.is_(None)),
        )
        yield "in_time", self._grouped(Insight.created_at, Insight.first_reply_at.is_not(None), hours <= IN_TIME_HOURS)
        said = SameHere.merged_from.is_(None)
        yield "same_heres", self._grouped(SameHere.created_at, said, source=SameHere)
        yield "unnamed", self._grouped(Insight.created_at, customer_key(Insight.customer_ref).is_(None))
        yield (
            "unnamed",
            self._grouped(SameHere.created_at, said, customer_key(SameHere.customer_ref).is_(None), source=SameHere),
        )

    def customers(self) -> Sequence[Row[date | str, int, int | None, str]]:
        def part(
            column: SQLColumnExpression[datetime | None],
            key: ColumnElement[str | None],
            *conditions: ColumnElement[bool],
            same_here: bool = False,
        ) -> Select[date | str, int, int | None, str | None]:
            query = select(
                self.dates.week(column).label("wk"),
                Insight.community_id.label("c"),
                Insight.product_area_id.label("a"),
                key.label("k"),
            )
            if same_here:
                query = query.select_from(SameHere).join(Insight, Insight.id == SameHere.said_on)
            return query.where(Insight.withdrawn.is_(False), self._in_weeks(column), key.is_not(None), *conditions)

        both = union_all(
            part(Insight.created_at, customer_key(Insight.customer_ref)),
            part(
                SameHere.created_at, customer_key(SameHere.customer_ref), SameHere.merged_from.is_(None), same_here=True
            ),
        ).subquery()
        return self.session.execute(select(both.c.wk, both.c.c, both.c.a, both.c.k).distinct()).all()
