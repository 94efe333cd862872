"""Link an insight to a Jira issue or an Azure DevOps work item from its page."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from server.web import backend
from server.web.context import CheckedForm, Ctx
from server.web.errors import bad_form
from server.web.routes_insight import _insight_id, _page
from server.web.routing import WebRoute

router = APIRouter(route_class=WebRoute)


@router.post("/insights/{insight_id}/links")
def add_link(ctx: Ctx, form: CheckedForm, insight_id: str) -> Response:
    key = _insight_id(insight_id)
    user = ctx.signed_in_user(back=_page(key))
    url = form.get("url", "").strip()
    if not url:
        raise bad_form("Paste the address of a Jira issue or an Azure DevOps work item.")
    backend.add_tracker_link(ctx.db, user, key, url)
    return ctx.redirect(_page(key) + "#links-title", notice="Linked. Its status changes now move this insight.")
