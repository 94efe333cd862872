"""Issue tracker links, both ways: an insight linked to Jira issues or Azure DevOps work items by URL, and a
tracker's own webhook moving the linked insights' status (to do → planned, in progress → in progress,
done → shipped by default; PALAUTE_SERVER_TRACKER_STATUS_MAP changes it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from protocol import schema
from server.models import InboundDelivery, Insight, TrackerLink, User
from server.services import triage
from server.services.access import can_triage, get_visible
from server.services.errors import Forbidden, Invalid

_JIRA_KEY = re.compile(r"/browse/([A-Z][A-Z0-9_]+-[1-9][0-9]*)/?$")
_ADO_ITEM = re.compile(r"/_workitems/edit/([1-9][0-9]*)/?$")
# Jira: the status category's key (new | indeterminate | done). Azure DevOps sends the state's name only, so
# the common process templates' states are listed (Basic, Agile, Scrum, CMMI); "removed" changes nothing.
DEFAULT_STATUS_MAP = {
    "jira:new": "planned",
    "jira:indeterminate": "in_progress",
    "jira:done": "shipped",
    "ado:new": "planned",
    "ado:to do": "planned",
    "ado:proposed": "planned",
    "ado:approved": "planned",
    "ado:active": "in_progress",
    "ado:committed": "in_progress",
    "ado:doing": "in_progress",
    "ado:in progress": "in_progress",
    "ado:resolved": "shipped",
    "ado:done": "shipped",
    "ado:closed": "shipped",
}


@dataclass(frozen=True)
class Item:
    system: str  # jira | ado
    key: str  # PAY-123 | <organization>/<id>
    url: str


def parse_url(url: str) -> Item:
    """A tracker item from its page address; Invalid for anything else."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000:
        raise Invalid("paste the address of a Jira issue or an Azure DevOps work item (https://…)")
    jira = _JIRA_KEY.search(parts.path)
    if jira:
        return Item("jira", jira.group(1), url)
    org = ado_organization(url)
    item = _ADO_ITEM.search(parts.path) or None
    number = item.group(1) if item else (parse_qs(parts.query).get("workitem") or [""])[0]
    if org and number.isdigit():
        return Item("ado", f"{org}/{int(number)}", url)
    raise Invalid(
        "this is not an address of a Jira issue (…/browse/PAY-123) or an Azure DevOps work item (…/_workitems/edit/123)"
    )


def ado_organization(url: str) -> str | None:
    """dev.azure.com/<org>/… or <org>.visualstudio.com/…, lower case."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == "dev.azure.com":
        first = parts.path.strip("/").split("/")[0]
        return first.lower() or None
    if host.endswith(".visualstudio.com"):
        return host.removesuffix(".visualstudio.com")
    return None


def add_link(session: Session, actor: User, insight_id: str, url: str) -> tuple[TrackerLink, bool]:
    """Link a visible insight to a tracker item (product team); (link, False) if it was linked already."""
    insight = get_visible(session, actor, insight_id)
    if not can_triage(actor):
        raise Forbidden("only product team members link insights to tracker items")
    item = parse_url(url)
    existing = session.scalar(
        select(TrackerLink).where(
            TrackerLink.insight_id == insight.id, TrackerLink.system == item.system, TrackerLink.key == item.key
        )
    )
    if existing is not None:
        return existing, False
    link = TrackerLink(insight_id=insight.id, system=item.system, key=item.key, url=item.url)
    session.add(link)
    session.flush()
    return link, True


def links_of(session: Session, actor: User, insight_id: str) -> list[TrackerLink]:
    insight = get_visible(session, actor, insight_id)
    return list(
        session.scalars(select(TrackerLink).where(TrackerLink.insight_id == insight.id).order_by(TrackerLink.id))
    )


def status_for(system: str, state: str, overrides: dict[str, str]) -> str | None:
    """The insight status a tracker state maps to, or None (no change)."""
    mapping = {**DEFAULT_STATUS_MAP, **{k.lower(): v for k, v in overrides.items()}}
    status = mapping.get(f"{system}:{state.strip().lower()}")
    return status if status in schema.STATUSES else None


def already_seen(session: Session, source: str, delivery_id: str) -> bool:
    return session.get(InboundDelivery, (source, delivery_id)) is not None


def apply(session: Session, source: str, delivery_id: str, item_key: str, status: str | None) -> list[str]:
    """Record the delivery and move every insight linked to the item to `status`; the ids changed.

    Raises LookupError when no insight is linked to the item. Runs in the caller's transaction: the
    delivery record and the status changes commit together or not at all."""
    system = "jira" if source == "jira" else "ado"
    linked = list(
        session.scalars(
            select(Insight)
            .join(TrackerLink, TrackerLink.insight_id == Insight.id)
            .where(TrackerLink.system == system, TrackerLink.key == item_key)
            .order_by(Insight.id)
            .with_for_update(of=Insight)
        ).unique()
    )
    if not linked:
        raise LookupError(item_key)
    session.add(InboundDelivery(source=source, delivery_id=delivery_id))
    if status is None:
        return []
    return [insight.id for insight in linked if triage.change_status(session, insight, status)]
