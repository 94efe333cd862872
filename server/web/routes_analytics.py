"""The analytics page: weekly trends, the loop figures, per community and product area, rising topics;
every table also as a CSV download."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import TypedDict
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.responses import Response

from server.services.analytics import Analytics, GroupFigures
from server.web import backend, charts
from server.web.context import Ctx
from server.web.errors import not_found
from server.web.routing import WebRoute
from server.web.views import Option

router = APIRouter(route_class=WebRoute)

PERIODS = (4, 12, 26, 52)
DEFAULT_WEEKS = 12


class Choice(TypedDict):
    weeks: int
    community: str
    product_area: str


class Menus(TypedDict):
    choice: Choice
    communities: list[Option]
    areas: list[Option]


def _figures(ctx: Ctx, weeks: str, community: str, product_area: str) -> tuple[Analytics, Menus]:
    user = ctx.signed_in_user()
    chosen = int(weeks) if weeks.isdigit() and int(weeks) in PERIODS else DEFAULT_WEEKS
    communities, areas = backend.menus(ctx.db, user)
    area = product_area if product_area in {a.slug for a in areas} else ""
    found = backend.analytics_figures(ctx.db, user, chosen, community[:40] or None, area or None)
    choice: Choice = {"weeks": chosen, "community": community[:40], "product_area": area}
    return found, {"choice": choice, "communities": communities, "areas": areas}


@router.get("/analytics")
def analytics_page(ctx: Ctx, weeks: str = "", community: str = "", product_area: str = "") -> Response:
    found, menus = _figures(ctx, weeks, community, product_area)
    labels = [w.week.split("-")[1] for w in found.weeks]
    trend = charts.line_chart(
        "chart-weeks",
        "Per week: captured, same heres, answered and shipped",
        f"Weekly counts over the last {len(found.weeks)} ISO weeks; the table below has every number.",
        labels,
        [
            charts.Series("Captured", "series-1", [w.captured for w in found.weeks]),
            charts.Series("Same here", "series-2", [w.same_heres for w in found.weeks]),
            charts.Series("Answered", "series-3", [w.answered for w in found.weeks]),
            charts.Series("Shipped", "series-4", [w.shipped for w in found.weeks]),
        ],
    )
    by_community = charts.bar_chart(
        "chart-communities",
        "Per community: captured, answered and shipped",
        "Counts for the chosen period per community; the table below has every number.",
        [g.name for g in found.communities],
        [
            charts.Series("Captured", "series-1", [g.captured for g in found.communities]),
            charts.Series("Answered", "series-3", [g.answered for g in found.communities]),
            charts.Series("Shipped", "series-4", [g.shipped for g in found.communities]),
        ],
    )
    return ctx.page(
        "analytics.html",
        {
            "nav": "analytics",
            "data": found,
            "periods": PERIODS,
            "trend_chart": trend,
            "community_chart": by_community,
            "query": _query(menus["choice"]),
            **menus,
        },
    )


@router.get("/analytics/{table}.csv")
def analytics_csv(ctx: Ctx, table: str, weeks: str = "", community: str = "", product_area: str = "") -> Response:
    if table not in TABLES:
        raise not_found("table")
    found, menus = _figures(ctx, weeks, community, product_area)
    out = io.StringIO()
    writer = csv.writer(out)
    for row in TABLES[table](found):
        writer.writerow([_cell(value) for value in row])
    name = f"palaute-{table}-{menus['choice']['weeks']}w.csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


def _cell(value: object) -> object:
    """Text a spreadsheet would run as a formula (a rep typed it) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _query(choice: Choice) -> str:
    return urlencode({k: v for k, v in choice.items() if v})


def _weeks(found: Analytics) -> Iterator[list[object]]:
    yield ["week", "starts", "captured", "same_heres", "answered", "shipped", "customers"]
    for w in found.weeks:
        yield [w.week, w.starts.isoformat(), w.captured, w.same_heres, w.answered, w.shipped, w.customers]


def _groups(groups: Iterable[GroupFigures]) -> Iterator[list[object]]:
    yield [
        "slug",
        "name",
        "captured",
        "same_heres",
        "answered",
        "shipped",
        "customers_behind_shipped",
        "answered_within_7_days",
        "judged_for_7_days",
    ]
    for g in groups:
        yield [
            g.slug or "",
            g.name,
            g.captured,
            g.same_heres,
            g.answered,
            g.shipped,
            g.customers_behind_shipped,
            g.answered_within_7_days,
            g.judged_for_7_days,
        ]


def _loop(found: Analytics) -> Iterator[list[object]]:
    yield ["figure", "value"]
    for name, value in found.loop.model_dump().items():
        yield [name, "" if value is None else value]


def _rising(found: Analytics) -> Iterator[list[object]]:
    yield ["id", "text", "community", "status", "customers", "reps", "new_same_heres_28_days"]
    for r in found.rising:
        yield [r.id, r.text, r.community, r.status, r.customers, r.reps, r.new_same_heres]


TABLES: dict[str, Callable[[Analytics], Iterator[list[object]]]] = {
    "weeks": _weeks,
    "loop": _loop,
    "communities": lambda found: _groups(found.communities),
    "product-areas": lambda found: _groups(found.product_areas),
    "rising": _rising,
}
