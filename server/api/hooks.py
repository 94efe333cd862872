"""Inbound webhooks of issue trackers: Jira Cloud and Azure DevOps move linked insights' status.

Each refusal has its own status code and a log line (never the body or a secret): 404 when the hook is not
configured, 401 for a missing or wrong signature/password, 400 for a body that is not JSON, 422 for JSON
that is not the vendor's shape, 404 for an item no insight is linked to. A delivery id seen before (Jira's
X-Atlassian-Webhook-Identifier, Azure DevOps' event id) is answered 200 `duplicate` and not applied again:
idempotent, so a vendor retrying after a lost answer stops, and a replay changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError

from server.api.deps import ERRORS, ApiError, DatabaseDep, SettingsDep
from server.db import Database
from server.services import trackers

log = logging.getLogger("palaute.server.hooks")
router = APIRouter(prefix="/hooks", tags=["tracker hooks"], responses=ERRORS)


class HookResult(BaseModel):
    status: Literal["applied", "ignored", "duplicate"]
    item: str
    insights: list[str]  # the insights whose status changed


@router.post("/jira", response_model=HookResult)
async def jira(request: Request, db: DatabaseDep, settings: SettingsDep) -> HookResult:
    """Jira Cloud webhook (`jira:issue_updated`, or any issue event): `X-Hub-Signature: sha256=<HMAC-SHA256 of
    the body>` with PALAUTE_SERVER_JIRA_WEBHOOK_SECRET. The issue's status category moves linked insights."""
    secret = settings.jira_webhook_secret
    if not secret:
        raise _refuse("jira", 404, "not_configured", "the Jira hook is not configured on this server")
    body = await request.body()
    given = request.headers.get("x-hub-signature", "")
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise _refuse("jira", 401, "bad_signature", "missing or wrong X-Hub-Signature")
    payload = _json("jira", body)
    issue = payload.get("issue") if isinstance(payload, dict) else None
    fields = issue.get("fields") if isinstance(issue, dict) else None
    status = fields.get("status") if isinstance(fields, dict) else None
    category = status.get("statusCategory") if isinstance(status, dict) else None
    key = issue.get("key") if isinstance(issue, dict) else None
    state = category.get("key") if isinstance(category, dict) else None
    if not isinstance(key, str) or not isinstance(state, str):
        raise _refuse("jira", 422, "invalid", "expected issue.key and issue.fields.status.statusCategory.key")
    delivery = request.headers.get("x-atlassian-webhook-identifier") or _digest(body)
    target = trackers.status_for("jira", state, settings.tracker_status_map)
    return await _apply(request, db, "jira", delivery[:200], key.upper(), target)


@router.post("/azure-devops", response_model=HookResult)
async def azure_devops(request: Request, db: DatabaseDep, settings: SettingsDep) -> HookResult:
    """Azure DevOps service hook (`workitem.updated`, Web Hooks consumer) with basic authentication whose
    password is PALAUTE_SERVER_AZURE_DEVOPS_WEBHOOK_SECRET. The work item's state moves linked insights."""
    secret = settings.azure_devops_webhook_secret
    if not secret:
        raise _refuse("azure-devops", 404, "not_configured", "the Azure DevOps hook is not configured on this server")
    if not hmac.compare_digest(_basic_password(request).encode(), secret.encode()):
        raise _refuse("azure-devops", 401, "bad_credentials", "missing or wrong basic-auth password")
    body = await request.body()
    payload = _json("azure-devops", body)
    resource = payload.get("resource") if isinstance(payload, dict) else None
    item = _ado_item(resource) if isinstance(resource, dict) else None
    if item is None:
        raise _refuse("azure-devops", 422, "invalid", "expected a work item event (resource.workItemId, url, state)")
    key, state = item
    delivery = payload.get("id") if isinstance(payload.get("id"), str) else _digest(body)
    target = trackers.status_for("ado", state, settings.tracker_status_map)
    return await _apply(request, db, "ado", delivery[:200], key, target)


async def _apply(
    request: Request, db: Database, source: str, delivery: str, key: str, status: str | None
) -> HookResult:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_apply_sync, db, source, delivery, key, status)


def _apply_sync(db: Database, source: str, delivery: str, key: str, status: str | None) -> HookResult:
    try:
        with db.write() as session:
            if trackers.already_seen(session, source, delivery):
                log.info("%s hook: delivery %s seen before; not applied again", source, delivery)
                return HookResult(status="duplicate", item=key, insights=[])
            changed = trackers.apply(session, source, delivery, key, status)
    except LookupError:
        raise _refuse(source, 404, "unknown_key", f"no insight is linked to {key}") from None
    except IntegrityError:  # the same delivery applied concurrently by another request
        return HookResult(status="duplicate", item=key, insights=[])
    log.info("%s hook: %s -> %s, %d insight(s) changed", source, key, status or "(no mapping)", len(changed))
    return HookResult(status="applied" if status else "ignored", item=key, insights=changed)


def _ado_item(resource: dict[str, Any]) -> tuple[str, str] | None:
    """(<organization>/<id>, state) from a workitem.* event's resource."""
    nested = resource.get("revision")
    revision: dict[str, Any] = nested if isinstance(nested, dict) else resource
    number = resource.get("workItemId", revision.get("id"))
    fields = revision.get("fields")
    state = fields.get("System.State") if isinstance(fields, dict) else None
    if isinstance(state, dict):  # workitem.updated's resource.fields carry {oldValue, newValue}
        state = state.get("newValue")
    url = revision.get("url") or resource.get("url")
    org = trackers.ado_organization(url) if isinstance(url, str) else None
    if not isinstance(number, int) or not isinstance(state, str) or org is None:
        return None
    return f"{org}/{number}", state


def _json(source: str, body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        raise _refuse(source, 400, "malformed_json", "the request body is not valid JSON") from None


def _basic_password(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return ""
    try:
        return base64.b64decode(value, validate=True).decode().partition(":")[2]
    except (ValueError, UnicodeDecodeError):
        return ""


def _digest(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()


def _refuse(source: str, status: int, code: str, message: str) -> ApiError:
    log.warning("%s hook refused (%d %s): %s", source, status, code, message)
    return ApiError(status, code, message)
