"""The Jinja2 environment of the web page: autoescaped templates and display filters."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from starlette.responses import HTMLResponse

from protocol.digest import backing
from server.web import labels

TEMPLATES_DIR = Path(__file__).with_name("templates")


def format_time(value: datetime | None) -> str:
    """A UTC time as product people read it: 22 Nov 2026, 14:05 UTC."""
    if value is None:
        return ""
    if value.tzinfo is None:  # SQLite hands back naive datetimes; the server stores UTC.
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%d %b %Y, %H:%M UTC").lstrip("0")


def iso_time(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def duration(hours: float | None) -> str:
    """A reply time as people say it: minutes under an hour, hours under two days, then days.

    Hours alone read "0.0 h" for a team that answers within minutes, which looks like missing data.
    """
    if hours is None:
        return "—"
    minutes = hours * 60
    if minutes < 1:
        return "< 1 min"
    if minutes < 59.5:  # not "60 min"
        return f"{minutes:.0f} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"


def excerpt(text: str, limit: int = 180) -> str:
    """The start of a long text for a list row (the insight page always shows the whole text)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,  # every template, whatever its name: all user text is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        time=format_time,
        isotime=iso_time,
        excerpt=excerpt,
        duration=duration,
        status_label=labels.status_label,
        impact_label=labels.impact_label,
        role_label=labels.role_label,
        backing=backing,
    )
    env.globals.update(
        STATUSES=labels.STATUSES,
        IMPACTS=labels.IMPACTS,
        PERIODS=labels.SUMMARY_PERIODS,
        SORTS=labels.SORTS,
        SHOWS=labels.SHOWS,
    )
    return env


ENV = _environment()


def render(name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    html = ENV.get_template(name).render(**context)
    response = HTMLResponse(html, status_code=status_code)
    # Pages show private feedback: never cache them, never frame them.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    return response
