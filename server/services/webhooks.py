"""Webhook subscriptions (the admin's commands) and their signing secrets.

A secret (`whsec_` + base64 of 24 random bytes, as Standard Webhooks defines it) is shown once, when the
subscription is made, and stored encrypted (`server/sealed.py`: AES-GCM under a key derived from
PALAUTE_SERVER_WEBHOOK_KEY, default: the server's secret key). A copy of the database alone therefore does
not let anyone sign messages as this server; docs/security.md.
"""

from __future__ import annotations

import base64
import secrets
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import sealed
from server.models import Webhook
from server.services import reference
from server.services.errors import Invalid, NotFound
from server.services.events import EVENTS

KINDS = ("standard", "slack", "teams")
# Chat hooks are only ever sent these (see outbox.chat_wants).
CHAT_EVENTS = ("insight.created", "insight.status_changed")


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def seal(secret: str, master: str) -> str:
    return sealed.seal(secret, master, sealed.WEBHOOK_SECRET)


def unseal(stored: str, master: str) -> str:
    """The secret; ValueError when the key is not the one it was sealed with."""
    try:
        return sealed.unseal(stored, master, sealed.WEBHOOK_SECRET)
    except ValueError:
        raise ValueError("the webhook key changed: this secret cannot be read; remove and add the webhook") from None


def add(
    session: Session, url: str, events: list[str], master: str, *, kind: str = "standard", community: str | None = None
) -> tuple[Webhook, str]:
    """A new subscription and its secret (in clear, to show once)."""
    _check_url(url)
    if kind not in KINDS:
        raise Invalid(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    events = events or (list(CHAT_EVENTS) if kind != "standard" else list(EVENTS))
    unknown = [e for e in events if e not in EVENTS]
    if unknown:
        raise Invalid(f"unknown event(s) {', '.join(unknown)}; known: {', '.join(EVENTS)}")
    community_id = reference.community_by_slug(session, community).id if community else None
    secret = new_secret()
    hook = Webhook(
        url=url,
        kind=kind,
        events=sorted(set(events), key=EVENTS.index),
        community_id=community_id,
        secret=seal(secret, master),
        enabled=True,
        failures=0,
        delivered=0,
    )
    session.add(hook)
    session.flush()
    return hook, secret


def all_hooks(session: Session) -> list[Webhook]:
    return list(session.scalars(select(Webhook).order_by(Webhook.id)))


def get(session: Session, hook_id: int) -> Webhook:
    hook = session.get(Webhook, hook_id)
    if hook is None:
        raise NotFound(f"no webhook {hook_id}")
    return hook


def remove(session: Session, hook_id: int) -> None:
    session.delete(get(session, hook_id))  # its undelivered messages go with it (ON DELETE CASCADE)


def enable(session: Session, hook_id: int) -> Webhook:
    """Turn a disabled subscription on again; what waited is delivered from where it stopped."""
    hook = get(session, hook_id)
    hook.enabled, hook.failures, hook.disabled_reason = True, 0, None
    return hook


def disabled(session: Session) -> list[Webhook]:
    """Subscriptions switched off after failing (the admin page's notice)."""
    return list(session.scalars(select(Webhook).where(Webhook.enabled.is_(False)).order_by(Webhook.id)))


def host_of(url: str) -> str:
    return urlsplit(url).netloc


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000:
        raise Invalid("the webhook address must be an http:// or https:// URL")
