"""Words and orderings the web page shows for statuses, impacts and summary periods."""

from __future__ import annotations

STATUSES: dict[str, str] = {
    "new": "New",
    "acknowledged": "Acknowledged",
    "planned": "Planned",
    "in_progress": "In progress",
    "shipped": "Shipped",
    "declined": "Declined",
}

# Most urgent first: the inbox and the summary read left to right from what hurts most.
IMPACTS: dict[str, str] = {
    "blocker": "Blocker",
    "high": "High",
    "medium": "Medium",
    "low": "Low",
}

SUMMARY_PERIODS: tuple[int, ...] = (7, 30, 90)

# Inbox orders (server.services.inbox.SORTS); the default shows what most customers ask for first.
SORTS: dict[str, str] = {"customers": "Most customers", "newest": "Newest first", "oldest": "Oldest first"}
DEFAULT_SORT = "customers"

# What the inbox lists: "awaiting" is the product team's turn (nothing answered yet, or a rep answered
# last), oldest first; the default leaves merged duplicates out (their original carries them).
SHOWS: dict[str, str] = {
    "": "Open insights",
    "awaiting": "Awaiting product team (oldest first)",
    "all": "Everything, merged duplicates too",
}

ROLES: dict[str, str] = {"product": "Product team", "admin": "Administrator", "rep": "Representative"}


def status_label(value: str) -> str:
    return STATUSES.get(value, value.replace("_", " ").capitalize())


def impact_label(value: str) -> str:
    return IMPACTS.get(value, value.capitalize())


def role_label(value: str) -> str:
    return ROLES.get(value, value.capitalize())
