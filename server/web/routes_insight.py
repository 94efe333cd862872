"""One insight: text, thread, "same here"s, and the forms to reply, set the status, mark or unmark a duplicate."""

from __future__ import annotations

import re
import uuid

from fastapi import APIRouter
from starlette.responses import Response

from server.web import backend, labels
from server.web.context import BASE, CheckedForm, Ctx
from server.web.errors import bad_form, not_found
from server.web.routing import WebRoute

router = APIRouter(route_class=WebRoute)

MAX_REPLY = 20_000
UUID_PATTERN = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")


def _insight_id(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise not_found("insight") from None


def _page(insight_id: str) -> str:
    return f"{BASE}/insights/{insight_id}"


@router.get("/insights/{insight_id}")
def insight_page(ctx: Ctx, insight_id: str) -> Response:
    user = ctx.signed_in_user()
    insight = backend.get_insight(ctx.db, user, _insight_id(insight_id))
    links = backend.tracker_links(ctx.db, user, insight.id)
    return ctx.page("insight.html", {"nav": "inbox", "insight": insight, "links": links})


@router.post("/insights/{insight_id}/reply")
def reply(ctx: Ctx, form: CheckedForm, insight_id: str) -> Response:
    user = ctx.signed_in_user(back=_page(_insight_id(insight_id)))
    body = form.get("body", "").strip()
    if not body:
        raise bad_form("The reply was empty. Write something before sending it.")
    if len(body) > MAX_REPLY:
        raise bad_form(f"The reply is too long ({len(body):,} characters); the limit is {MAX_REPLY:,}.")
    key = _insight_id(insight_id)
    backend.add_reply(ctx.db, user, key, body)
    return ctx.redirect(_page(key) + "#thread-title", notice="Your reply was sent.")


@router.post("/insights/{insight_id}/respond")
def respond(ctx: Ctx, form: CheckedForm, insight_id: str) -> Response:
    """The one triage form: a reply, a new status, or both, sent to the rep together."""
    key = _insight_id(insight_id)
    user = ctx.signed_in_user(back=_page(key))
    body = form.get("body", "").strip()
    status = form.get("status", "")
    if status not in labels.STATUSES:
        raise bad_form("Choose one of the statuses in the list.")
    if len(body) > MAX_REPLY:
        raise bad_form(f"The reply is too long ({len(body):,} characters); the limit is {MAX_REPLY:,}.")
    changed = status != form.get("current_status", "")
    if not body and not changed:
        raise bad_form("Write a reply or choose another status before sending.")
    backend.reply_and_set_status(ctx.db, user, key, body, status if changed else None)
    done = [
        words
        for words, did in (("Your reply was sent", body), (f"status set to {labels.status_label(status)}", changed))
        if did
    ]
    notice = " and ".join(done) + "."
    return ctx.redirect(_page(key) + "#thread-title", notice=notice[:1].upper() + notice[1:])


@router.post("/insights/{insight_id}/status")
def set_status(ctx: Ctx, form: CheckedForm, insight_id: str) -> Response:
    user = ctx.signed_in_user(back=_page(_insight_id(insight_id)))
    status = form.get("status", "")
    if status not in labels.STATUSES:
        raise bad_form("Choose one of the statuses in the list.")
    key = _insight_id(insight_id)
    backend.set_status(ctx.db, user, key, status)
    return ctx.redirect(_page(key), notice=f"Status set to {labels.status_label(status)}.")


@router.post("/insights/{insight_id}/duplicate")
def mark_duplicate(ctx: Ctx, form: CheckedForm, insight_id: str) -> Response:
    key = _insight_id(insight_id)
    user = ctx.signed_in_user(back=_page(key))
    # Accept the bare reference or a pasted page address: the last UUID in the text is the original.
    found = UUID_PATTERN.findall(form.get("original", ""))
    if not found:
        raise bad_form("Paste the reference (or the page address) of the original insight.")
    original = str(uuid.UUID(found[-1]))
    if original == key:
        raise bad_form("An insight cannot be a duplicate of itself.")
    backend.mark_duplicate(ctx.db, user, key, original)
    return ctx.redirect(_page(key), notice="Marked as a duplicate.")


@router.post("/insights/{insight_id}/duplicate/clear")
def clear_duplicate(ctx: Ctx, form: CheckedForm, insight_id: str) -> Response:
    key = _insight_id(insight_id)
    user = ctx.signed_in_user(back=_page(key))
    backend.clear_duplicate(ctx.db, user, key)
    return ctx.redirect(_page(key), notice="No longer marked as a duplicate.")
