"""Insights as JSON-ready dicts and as CSV, the shapes that `palaute list/search/export` print."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, TypedDict

from desktop.domain import Insight

FIELDS = (
    "id",
    "created_at",
    "updated_at",
    "author",
    "community",
    "product_area",
    "customer_ref",
    "impact",
    "status",
    "tags",
    "text",
    "sync_state",
    "sync_error",
    "server_version",
    "pii_kept",
    "pii_masked",
    "customers",
    "reps",
    "following",
    "duplicate_of",
    "withdrawn",
)


class KeptPiiRecord(TypedDict):
    kind: str
    key: str


class InsightRecord(TypedDict):
    """One insight as `palaute list/search/export --json` prints it (FIELDS, in that order)."""

    id: str
    created_at: str
    updated_at: str
    author: str
    community: str
    product_area: str | None
    customer_ref: str | None
    impact: str
    status: str
    tags: list[str]
    text: str
    sync_state: str
    sync_error: str | None
    server_version: int | None
    pii_kept: list[KeptPiiRecord]
    pii_masked: dict[str, int]
    customers: int
    reps: int
    following: bool
    duplicate_of: str | None
    withdrawn: bool


def insight_dict(insight: Insight) -> InsightRecord:
    return {
        "id": insight.id,
        "created_at": insight.created_at.isoformat(),
        "updated_at": insight.updated_at.isoformat(),
        "author": insight.author,
        "community": insight.community,
        "product_area": insight.product_area,
        "customer_ref": insight.customer_ref,
        "impact": insight.impact.value,
        "status": insight.status.value,
        "tags": list(insight.tags),
        "text": insight.text,
        "sync_state": insight.sync_state.value,
        "sync_error": insight.sync_error,
        "server_version": insight.server_version,
        # Recorded on this machine only: keys of what the rep kept as typed, and counts of what was masked.
        "pii_kept": [{"kind": item.kind, "key": item.key} for item in insight.pii_kept],
        "pii_masked": dict(insight.pii_masked),
        # Who is behind it, and whether this rep follows it (false: a community insight read only).
        "customers": insight.customers,
        "reps": insight.reps,
        "following": insight.following,
        "duplicate_of": insight.duplicate_of,
        "withdrawn": insight.withdrawn,
    }


def write_json(insights: Iterable[Insight], out: IO[str]) -> None:
    json.dump([insight_dict(i) for i in insights], out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(insights: Iterable[Insight], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for insight in insights:
        record = insight_dict(insight)
        row: dict[str, object] = {
            **record,
            "tags": ";".join(record["tags"]),
            "pii_kept": ";".join(item["key"] for item in record["pii_kept"]),  # a key starts with its kind
            "pii_masked": ";".join(f"{kind}={n}" for kind, n in record["pii_masked"].items()),
        }
        writer.writerow({k: _spreadsheet_safe(v) for k, v in row.items()})


def _spreadsheet_safe(value: object) -> object:
    # A cell starting with = + - @ is run as a formula by Excel and LibreOffice; customers' words must stay
    # words (CSV injection). The leading apostrophe is the spreadsheet convention for "this is text".
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
