"""Limits and enumerations of the protocol: the one source for the desktop, the server and the schema.

Plain Python (no pydantic), so the desktop core can read them without loading the schema's validators.
"""

from __future__ import annotations

from enum import StrEnum

# The server answers 413 above the byte and count limits and 422 above the field limits; the desktop refuses
# the same input with a sentence before it is ever queued.
MAX_BATCH_MUTATIONS = 200
MAX_PUSH_BYTES = 4 * 1024 * 1024
MAX_BODY_BYTES = 256 * 1024  # every other request body
MAX_TEXT_CHARS = 20_000
MAX_REPLY_CHARS = 20_000
MAX_CUSTOMER_REF_CHARS = 100
MAX_TAGS = 20
MAX_TAG_CHARS = 40
MAX_NAME_CHARS = 100
MAX_PASSWORD_CHARS = 1_000
MAX_CURSOR_CHARS = 100
DEFAULT_PULL_LIMIT = 500
MAX_PULL_LIMIT = 1_000
MAX_WAIT_SECONDS = 25
MAX_PII_KEPT = 50  # personal-data items a rep chose to keep in one insight
# Mutation numbers and versions: at most 2**53 - 1, the largest integer every JSON reader holds exactly (a
# validator that reads numbers as doubles cannot tell 2**62 from 2**62 + 95); fits a signed 64-bit column.
MAX_NUMBER = 2**53 - 1


class Impact(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    BLOCKER = "blocker"


class Status(StrEnum):
    """What the product team has decided about an insight."""

    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    SHIPPED = "shipped"
    DECLINED = "declined"


class Role(StrEnum):
    REP = "rep"
    PRODUCT = "product"
    ADMIN = "admin"


IMPACTS: tuple[str, ...] = tuple(Impact)
STATUSES: tuple[str, ...] = tuple(Status)
ROLES: tuple[str, ...] = tuple(Role)
