"""The weekly community digest: as JSON for the desktop app, and as a Markdown file to share."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.responses import Response

from protocol import schema
from protocol.digest import file_name, render_markdown
from server.api.deps import ERRORS, ApiPrincipal, DatabaseDep, Principal
from server.db import Database
from server.services import digest

router = APIRouter(prefix="/digest", tags=["digest"], responses=ERRORS)
Week = Annotated[
    schema.IsoWeek | None,
    Query(description="ISO week such as 2026-W47; default: this week. A week the year lacks (W53) is 404."),
]
CommunitySlug = Annotated[schema.Slug | None, Query(description="One of your communities; default: all")]


def _build(principal: Principal, db: Database, week: str | None, community: str | None) -> schema.Digest:
    with db.read() as session:
        return digest.build(session, principal.actor(session), week, community)


@router.get("", response_model=schema.Digest)
def get_digest(
    principal: ApiPrincipal, db: DatabaseDep, week: Week = None, community: CommunitySlug = None
) -> schema.Digest:
    """What each of your communities captured, had answered and shipped in one ISO week (UTC)."""
    return _build(principal, db, week, community)


@router.get(
    "/markdown",
    response_class=Response,
    responses={
        200: {
            "content": {"text/markdown": {}},
            "description": "The digest as Markdown",
            "headers": {
                "Content-Disposition": {
                    "description": "attachment, with a file name naming the week (and the community)",
                    "required": True,
                    "schema": {"type": "string"},
                }
            },
        }
    },
)
def get_markdown(
    principal: ApiPrincipal, db: DatabaseDep, week: Week = None, community: CommunitySlug = None
) -> Response:
    """The same digest as a Markdown document, offered as a file download."""
    found = _build(principal, db, week, community)
    return Response(
        render_markdown(found),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{file_name(found, community)}"'},
    )
