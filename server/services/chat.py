"""Chat messages for Slack (Block Kit) and Microsoft Teams (an Adaptive Card) from a webhook event's body."""

from __future__ import annotations

import json
from typing import Any

_HEADLINES = {
    "insight.created": "New {impact}-impact insight in {community}",
    "insight.status_changed": "Shipped: an insight from {community}",
    "webhook.test": "Palaute test message",
}
_TEXT_LIMIT = 600  # a chat message is a pointer to the page, not the whole insight


def render(kind: str, payload: str) -> str:
    """The body to post to a `slack` or `teams` incoming webhook, as JSON text."""
    body = json.loads(payload)
    insight = body.get("data", {}).get("insight") or {}
    headline = _HEADLINES.get(body.get("type"), "Palaute: {type}").format(
        impact=insight.get("impact", ""), community=insight.get("community", ""), type=body.get("type")
    )
    text = (insight.get("text") or body.get("data", {}).get("message") or "")[:_TEXT_LIMIT]
    facts = _facts(insight)
    url = insight.get("url")
    message = _slack(headline, text, facts, url) if kind == "slack" else _teams(headline, text, facts, url)
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


def _facts(insight: dict[str, Any]) -> list[tuple[str, str]]:
    if not insight:
        return []
    backing = f"{insight.get('customers', 1)} customer(s), {insight.get('reps', 1)} rep(s)"
    return [
        ("Status", str(insight.get("status", "")).replace("_", " ")),
        ("Impact", str(insight.get("impact", ""))),
        ("Community", str(insight.get("community", ""))),
        ("Behind it", backing),
    ]


def _slack(headline: str, text: str, facts: list[tuple[str, str]], url: str | None) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": headline[:150]}},
        {"type": "section", "text": {"type": "plain_text", "text": text or " "}},
    ]
    if facts:
        blocks.append({"type": "section", "fields": [{"type": "mrkdwn", "text": f"*{k}*\n{v}"} for k, v in facts]})
    if url:
        blocks.append(
            {
                "type": "actions",
                "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Open in Palaute"}, "url": url}],
            }
        )
    return {"text": f"{headline}: {text[:150]}", "blocks": blocks}


def _teams(headline: str, text: str, facts: list[tuple[str, str]], url: str | None) -> dict[str, Any]:
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": headline, "weight": "Bolder", "size": "Medium", "wrap": True},
            {"type": "TextBlock", "text": text, "wrap": True},
        ],
    }
    if facts:
        card["body"].append({"type": "FactSet", "facts": [{"title": k, "value": v} for k, v in facts]})
    if url:
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open in Palaute", "url": url}]
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}
        ],
    }
