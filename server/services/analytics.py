"""What the communities return, in numbers: per ISO week (UTC), the loop figures, per community and area.

Every figure is aggregated by the database (GROUP BY week, conditional sums), over the insights the reader
may see, in eight queries whatever the number of insights; nothing is computed from raw rows in Python
except the percentiles on SQLite (which has no percentile function). The facts it needs are kept on the
insight row at write time: `first_reply_at` (the first product-side reply), `status_changed_at` with
`status` (shipped when), `shipped_seq` and the author's `acked_seq` (was the rep told; services/delivery.py).

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

from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import Date, case, cast, func, or_, select, union_all
from sqlalchemy.orm import Session

from protocol.digest import week_of
from server.models import Community, Insight, ProductArea, SameHere, User, utcnow
from server.services import reference
from server.services.access import PRODUCT_ROLES, insight_condition
from server.services.errors import Forbidden

MAX_WEEKS = 156
RISING_DAYS = 28
TOP_RISING = 5
WEEK = timedelta(days=7)


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


def build(
    session: Session,
    reader: User,
    weeks: int = 12,
    community: str | None = None,
    product_area: str | None = None,
    now: datetime | None = None,
) -> Analytics:
    """The figures of the last `weeks` ISO weeks (this one included) that the reader may see."""
    if reader.role not in PRODUCT_ROLES:
        raise Forbidden("analytics are for the product team")
    now = now or utcnow()
    weeks = max(1, min(MAX_WEEKS, weeks))
    this_monday = datetime.combine(now.astimezone(UTC).date(), datetime.min.time(), UTC)
    this_monday -= timedelta(days=this_monday.weekday())
    starts, ends = this_monday - (weeks - 1) * WEEK, this_monday + WEEK
    scope = _scope(session, reader, community, product_area)
    q = _Queries(session, scope, starts, ends, now)
    by_week = {
        (starts + i * WEEK).date(): WeekFigures(week=week_of(starts + i * WEEK), starts=(starts + i * WEEK).date())
        for i in range(weeks)
    }
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


def _scope(session: Session, reader: User, community: str | None, product_area: str | None) -> list:
    """What the reader may see, narrowed to one community and/or product area; withdrawn insights left out."""
    conditions = [insight_condition(reader), Insight.withdrawn.is_(False)]
    if community:
        conditions.append(Insight.community_id == reference.community_by_slug(session, community).id)
    if product_area:
        conditions.append(Insight.product_area_id == reference.product_area_by_slug(session, product_area).id)
    return conditions


class _Queries:
    """The aggregate queries, sharing the scope, the period and the dialect's date arithmetic."""

    def __init__(self, session: Session, scope: list, starts: datetime, ends: datetime, now: datetime) -> None:
        self.session, self.scope, self.starts, self.ends, self.now = session, scope, starts, ends, now
        self.pg = session.get_bind().dialect.name == "postgresql"

    # -- dialect helpers
    def week(self, column):
        """The Monday (UTC) of the week a timestamp falls in."""
        if self.pg:
            return cast(func.date_trunc("week", func.timezone("UTC", column)), Date)
        return func.date(column, "-6 days", "weekday 1")  # back 6 days, then forward to a Monday

    def hours(self, start, end):
        if self.pg:
            return func.extract("epoch", end - start) / 3600.0
        return (func.julianday(end) - func.julianday(start)) * 24.0

    def within(self, column):
        return (column >= self.starts) & (column < self.ends)

    # -- per week
    def weekly(self, by_week: dict[date, WeekFigures]) -> None:
        def put(rows, field: str) -> None:
            for monday, count in rows:
                figures = by_week.get(_as_date(monday))
                if figures is not None:
                    setattr(figures, field, int(count or 0))

        for field, column, extra in (
            ("captured", Insight.created_at, ()),
            ("answered", Insight.first_reply_at, ()),
            ("shipped", Insight.status_changed_at, (Insight.status == "shipped", Insight.duplicate_of.is_(None))),
        ):
            wk = self.week(column)
            put(
                self.session.execute(
                    select(wk, func.count()).where(*self.scope, *extra, self.within(column)).group_by(wk)
                ),
                field,
            )
        wk = self.week(SameHere.created_at)
        put(
            self.session.execute(
                select(wk, func.count())
                .select_from(SameHere)
                .join(Insight, Insight.id == SameHere.said_on)
                .where(*self.scope, SameHere.merged_from.is_(None), self.within(SameHere.created_at))
                .group_by(wk)
            ),
            "same_heres",
        )
        put(self.session.execute(self._customers_per_week()), "customers")

    def _customers_per_week(self):
        def key(column):
            return func.nullif(func.lower(func.replace(column, " ", "")), "")

        reports = union_all(
            select(self.week(Insight.created_at).label("wk"), key(Insight.customer_ref).label("ref")).where(
                *self.scope, self.within(Insight.created_at)
            ),
            select(self.week(SameHere.created_at).label("wk"), key(SameHere.customer_ref).label("ref"))
            .select_from(SameHere)
            .join(Insight, Insight.id == SameHere.said_on)
            .where(*self.scope, SameHere.merged_from.is_(None), self.within(SameHere.created_at)),
        ).subquery()
        unnamed = func.sum(case((reports.c.ref.is_(None), 1), else_=0))
        return select(reports.c.wk, func.count(reports.c.ref.distinct()) + func.coalesce(unnamed, 0)).group_by(
            reports.c.wk
        )

    # -- per community and product area (one scan; the loop's counts are its totals)
    def grid(self) -> list[tuple]:
        captured = self.within(Insight.created_at)
        answered = self.within(Insight.first_reply_at)
        shipped = (
            self.within(Insight.status_changed_at) & (Insight.status == "shipped") & Insight.duplicate_of.is_(None)
        )
        judged = captured & (Insight.created_at <= self.now - WEEK)
        in_time = judged & (self.hours(Insight.created_at, Insight.first_reply_at) <= 7 * 24)
        told = shipped & (User.acked_seq >= Insight.shipped_seq)

        def n(condition):
            return func.sum(case((condition, 1), else_=0))

        rows = self.session.execute(
            select(
                Insight.community_id,
                Insight.product_area_id,
                n(captured),
                n(answered),
                n(shipped),
                func.sum(case((shipped, Insight.customers), else_=0)),
                n(judged),
                n(in_time),
                n(told),
            )
            .join(User, User.id == Insight.author_id)
            .where(
                *self.scope,
                or_(
                    Insight.created_at >= self.starts,
                    Insight.first_reply_at >= self.starts,
                    Insight.status_changed_at >= self.starts,
                ),
            )
            .group_by(Insight.community_id, Insight.product_area_id)
        ).all()
        same = dict(
            ((c, a), count)
            for c, a, count in self.session.execute(
                select(Insight.community_id, Insight.product_area_id, func.count())
                .select_from(SameHere)
                .join(Insight, Insight.id == SameHere.said_on)
                .where(*self.scope, SameHere.merged_from.is_(None), self.within(SameHere.created_at))
                .group_by(Insight.community_id, Insight.product_area_id)
            )
        )
        cells = {(r[0], r[1]): [int(v or 0) for v in r[2:]] for r in rows}
        return [(c, a, same.get((c, a), 0), *cells.get((c, a), [0] * 7)) for c, a in set(cells) | set(same)]

    # -- the loop
    def loop(self, grid: list[tuple]) -> LoopFigures:
        totals = [sum(row[i] for row in grid) for i in range(2, 10)] if grid else [0] * 8
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
        hours = self.hours(Insight.created_at, Insight.first_reply_at)
        where = (*self.scope, self.within(Insight.created_at), Insight.first_reply_at.is_not(None))
        if self.pg:
            p50, p90, count = self.session.execute(
                select(
                    func.percentile_cont(0.5).within_group(hours),
                    func.percentile_cont(0.9).within_group(hours),
                    func.count(),
                ).where(*where)
            ).one()
            return _round(p50), _round(p90), int(count)
        values = sorted(float(v) for v in self.session.scalars(select(hours).where(*where)))
        return _round(percentile(values, 0.5)), _round(percentile(values, 0.9)), len(values)

    # -- rising topics
    def rising(self) -> list[RisingTopic]:
        since = self.now - timedelta(days=RISING_DAYS)
        grew = func.count().label("grew")
        rows = self.session.execute(
            select(SameHere.insight_id, grew)
            .join(Insight, Insight.id == SameHere.insight_id)
            .where(
                *self.scope,
                Insight.duplicate_of.is_(None),
                SameHere.created_at >= since,
                SameHere.created_at <= self.now,
            )
            .group_by(SameHere.insight_id)
            .order_by(grew.desc(), SameHere.insight_id)
            .limit(TOP_RISING)
        ).all()
        found = {i.id: i for i in self.session.scalars(select(Insight).where(Insight.id.in_([r[0] for r in rows])))}
        return [
            RisingTopic(
                id=insight_id,
                text=found[insight_id].text,
                community=found[insight_id].community.name,
                status=found[insight_id].status,
                customers=found[insight_id].customers,
                reps=found[insight_id].reps,
                new_same_heres=int(count),
            )
            for insight_id, count in rows
        ]


def _groups(grid: list[tuple], session: Session, model, index: int) -> list[GroupFigures]:
    """Per community (index 0) or per product area (index 1): the grid's cells summed."""
    names = {row.id: (row.slug, row.name) for row in session.scalars(select(model))}
    groups: dict = {}
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


def _round(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
