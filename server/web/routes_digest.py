"""The weekly community digest page, and the same digest as a Markdown download."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter
from starlette.responses import Response

from protocol.digest import WeekError, file_name, render_markdown, shift_week, week_bounds, week_of
from server.models import utcnow
from server.web import backend
from server.web.context import Ctx
from server.web.errors import bad_form
from server.web.routing import WebRoute
from server.web.views import DigestChoice

router = APIRouter(route_class=WebRoute)


def _choice(week: str, community: str) -> DigestChoice:
    """The week asked for (this week when none), checked, with its neighbours for the links."""
    current = week_of(utcnow())
    week = week.strip() or current
    try:
        week_bounds(week)
    except WeekError as error:
        raise bad_form(f"{str(error)[:1].upper()}{str(error)[1:]}.") from None
    later = shift_week(week, 1)
    return DigestChoice(
        week=week, community=community, previous_week=shift_week(week, -1), next_week=later if week < current else None
    )


@router.get("/digest")
def digest_page(ctx: Ctx, week: str = "", community: str = "") -> Response:
    user = ctx.signed_in_user()
    choice = _choice(week[:20], community[:40])
    found = backend.weekly_digest(ctx.db, user, choice.week, choice.community or None)
    return ctx.page(
        "digest.html",
        {
            "nav": "digest",
            "choice": choice,
            "digest": found,
            "last_day": found.ends - timedelta(days=1),
            "communities": [(c.slug, c.name) for c in backend.digest_communities(ctx.db, user)],
        },
    )


@router.get("/digest/markdown")
def digest_markdown(ctx: Ctx, week: str = "", community: str = "") -> Response:
    user = ctx.signed_in_user()
    choice = _choice(week[:20], community[:40])
    found = backend.weekly_digest(ctx.db, user, choice.week, choice.community or None)
    return Response(
        render_markdown(found),
        media_type="text/markdown; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{file_name(found, choice.community or None)}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )
