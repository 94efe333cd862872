"""Request and response bodies of the sync API (protocol v1), shared by the desktop client and the server.

This module imports nothing from `server` or `desktop`: both sides validate with the same models.
See docs/protocol.md for the meaning of every call.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

# Limits and enumerations live in protocol.limits (plain Python, shared with the desktop core); they are
# re-exported here because every caller of the schema uses them.
from protocol.limits import (
    DEFAULT_PULL_LIMIT as DEFAULT_PULL_LIMIT,
    IMPACTS as IMPACTS,
    MAX_BATCH_MUTATIONS as MAX_BATCH_MUTATIONS,
    MAX_BODY_BYTES as MAX_BODY_BYTES,
    MAX_CURSOR_CHARS as MAX_CURSOR_CHARS,
    MAX_CUSTOMER_REF_CHARS as MAX_CUSTOMER_REF_CHARS,
    MAX_NAME_CHARS as MAX_NAME_CHARS,
    MAX_NUMBER as MAX_NUMBER,
    MAX_PASSWORD_CHARS as MAX_PASSWORD_CHARS,
    MAX_PII_KEPT as MAX_PII_KEPT,
    MAX_PULL_LIMIT as MAX_PULL_LIMIT,
    MAX_PUSH_BYTES as MAX_PUSH_BYTES,
    MAX_REPLY_CHARS as MAX_REPLY_CHARS,
    MAX_TAG_CHARS as MAX_TAG_CHARS,
    MAX_TAGS as MAX_TAGS,
    MAX_TEXT_CHARS as MAX_TEXT_CHARS,
    MAX_WAIT_SECONDS as MAX_WAIT_SECONDS,
    ROLES as ROLES,
    STATUSES as STATUSES,
)

# Version 2: device-bound tokens (DPoP, RFC 9449) and mutation ids (docs/protocol.md). The URL prefix names
# the API's generation and stays /api/v1; the major version is in every answer's X-Palaute-Protocol header.
PROTOCOL_VERSION: Final = 2
API_PREFIX = "/api/v1"
# Token types of a sign-in: "DPoP" when the sign-in carried a proof of possession (the desktop always does),
# "bearer" otherwise (scripts and tests: an access token only, nothing that can be refreshed).
DPOP_TOKEN = "DPoP"
BEARER_TOKEN = "bearer"

# Wire values are plain strings; the Literal spells them for pydantic and the OpenAPI document, and
# tests/core/test_limits.py checks that each equals its enumeration in protocol.limits.
Impact = Literal["low", "medium", "high", "blocker"]
Status = Literal["new", "acknowledged", "planned", "in_progress", "shipped", "declined"]
Role = Literal["rep", "product", "admin"]


def clean_text(value: str) -> str:
    """Drop control characters other than newline and tab; refuse text that is not valid Unicode."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text contains an unpaired surrogate (not valid Unicode)") from None
    if value.isprintable():
        return value
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")


@dataclass(frozen=True)
class _Length:
    """Annotated metadata: cleaned text of low..high characters, published as such in the JSON schema."""

    low: int
    high: int
    what: str

    def check(self, value: str) -> str:
        value = clean_text(value)
        if not self.low <= len(value) <= self.high:
            raise ValueError(
                f"{self.what} must be {self.low}..{self.high} characters after removing control characters, "
                f"got {len(value)}"
            )
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string", "minLength": self.low, "maxLength": self.high}


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _canonical_uuid(value: str) -> str:
    if _CANONICAL_UUID.fullmatch(value):  # the common case, without building a UUID object
        return value
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise ValueError("must be a UUID such as 0b6f1c6e-3f4d-4f8e-9f57-1d2c3b4a5e6f") from None


def _utc(value: datetime) -> datetime:
    try:
        value = value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError("date is out of range") from None
    if not 1970 <= value.year <= 9999:
        raise ValueError("date must be between 1970 and 9999")
    return value


Uuid = Annotated[
    str,
    AfterValidator(_canonical_uuid),
    WithJsonSchema({"type": "string", "format": "uuid"}),
]
UtcDatetime = Annotated[
    AwareDatetime,
    AfterValidator(_utc),
    PlainSerializer(lambda d: d.astimezone(UTC).isoformat(), return_type=str),
]
InsightText = Annotated[str, _Length(1, MAX_TEXT_CHARS, "text")]
ReplyBody = Annotated[str, _Length(1, MAX_REPLY_CHARS, "body")]
CustomerRef = Annotated[str, _Length(1, MAX_CUSTOMER_REF_CHARS, "customer_ref")]
Tag = Annotated[str, _Length(1, MAX_TAG_CHARS, "tag")]
Name = Annotated[str, _Length(1, MAX_NAME_CHARS, "name")]
Slug = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$")]
Number = Annotated[int, Field(ge=1, le=MAX_NUMBER)]
Tags = Annotated[list[Tag], Field(max_length=MAX_TAGS)]
# privacy's Finding.key of an item the rep chose to keep as typed ("kind:sha256-hex"); the server's
# own detector leaves these alone and masks everything else it finds.
PiiKey = Annotated[str, Field(min_length=3, max_length=120, pattern=r"^[a-z_]+:[0-9a-f]{8,64}$")]
PiiKeys = Annotated[list[PiiKey], Field(max_length=MAX_PII_KEPT)]


class Model(BaseModel):
    """A request body: unknown fields are rejected, so a typo is an error rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")


class Answer(BaseModel):
    """A body the server sends: unknown fields are ignored, so a newer server can add one (with a default)
    without breaking clients of the same protocol version. (Until communities came, answers forbade them too,
    which would have made every added field a protocol break.)"""

    model_config = ConfigDict(extra="ignore")


# --- accounts -------------------------------------------------------------------------------------------


class LoginRequest(Model):
    username: Name
    password: Annotated[str, Field(min_length=1, max_length=MAX_PASSWORD_CHARS)]
    device_name: Name = "desktop"


class RefreshRequest(Model):
    """Sent with a DPoP proof made by the key the refresh token is bound to; the token does not rotate."""

    refresh_token: Annotated[str, Field(min_length=1, max_length=200)]


class PublicKey(Model):
    """A device's public key as a JWK (RFC 7517): an EC P-256 key, public members only."""

    kty: Literal["EC"]
    crv: Literal["P-256"]
    x: Annotated[str, Field(min_length=43, max_length=43, pattern=r"^[A-Za-z0-9_-]+$")]
    y: Annotated[str, Field(min_length=43, max_length=43, pattern=r"^[A-Za-z0-9_-]+$")]


class DeviceRequest(Model):
    """A new device for the signed-in user, bound to `key` (sent by a device whose numbering forked)."""

    device_name: Name = "desktop"
    key: PublicKey


class UserInfo(Answer):
    name: str
    role: Role
    communities: list[str]
    product_areas: list[str]


class TokenPair(Answer):
    """Tokens are short random strings, sent as `Authorization: <token_type> <access_token>`.

    `DPoP` tokens are bound to the device's key: every request carries a fresh proof signed by it (header
    `DPoP`), so a copied token is useless. A `bearer` sign-in (no proof) gets no refresh token."""

    token_type: Literal["DPoP", "bearer"]
    device_id: str
    access_token: str
    access_expires_at: UtcDatetime
    refresh_token: str | None = None
    user: UserInfo


class Community(Answer):
    slug: str
    name: str
    # An open community is one a rep may join or leave themselves; others are set by an admin.
    open: bool = False
    member: bool = False  # the caller belongs to it


class ProductArea(Answer):
    slug: str
    name: str


# --- insights and replies -------------------------------------------------------------------------------


class InsightDraft(Model):
    """A new insight as the desktop captured it; the server assigns version, status and author."""

    id: Uuid
    text: InsightText
    community: Slug
    product_area: Slug | None = None
    customer_ref: CustomerRef | None = None
    impact: Impact = "medium"
    tags: Tags = []
    created_at: UtcDatetime
    pii_kept: PiiKeys = []


class InsightPatch(Model):
    """The fields an edit changes; a field left out is unchanged, `null` clears an optional one."""

    text: InsightText | None = None
    community: Slug | None = None
    product_area: Slug | None = None
    customer_ref: CustomerRef | None = None
    impact: Impact | None = None
    tags: Tags | None = None


class Insight(Answer):
    id: str
    text: str
    community: str
    product_area: str | None
    customer_ref: str | None
    impact: Impact
    tags: list[str]
    author: str
    created_at: UtcDatetime
    updated_at: UtcDatetime
    status: Status
    version: int
    withdrawn: bool
    duplicate_of: str | None
    # True when the text holds personal data: masked by the server's detector, or kept by the rep on purpose.
    pii_flagged: bool = False
    # Who is behind it: customers (reports naming the same customer reference count once) and reps,
    # over the insight itself and every "same here" (merged duplicates included).
    customers: int = 1
    reps: int = 1
    # For this reader: they wrote it or said "same here" on it, so its replies and status changes are news
    # for them. False for a community insight they only read (whose customer_ref then is always null).
    following: bool = True


class SameHereDraft(Model):
    """Same here: "a customer of mine said this too" on an existing insight, instead of a new one.

    `note` is what the rep had typed; only the product team sees it (masked like any insight text)."""

    id: Uuid
    insight_id: Uuid
    customer_ref: CustomerRef | None = None
    impact: Impact = "medium"
    note: InsightText | None = None
    created_at: UtcDatetime
    pii_kept: PiiKeys = []


class SameHere(Answer):
    id: str
    insight_id: str  # where it counts now: the original, once the insight it was said on is merged into it
    said_on: str  # the insight the rep chose
    author: str
    customer_ref: str | None  # null unless the reader wrote it or is on the product team
    impact: Impact
    note: str | None  # product team only
    created_at: UtcDatetime


class ReplyDraft(Model):
    id: Uuid
    insight_id: Uuid
    body: ReplyBody
    created_at: UtcDatetime | None = None


class Reply(Answer):
    id: str
    insight_id: str
    author: str
    author_role: Role
    body: str
    created_at: UtcDatetime


class InsightThread(Answer):
    insight: Insight
    replies: list[Reply]


class InsightList(Answer):
    insights: list[Insight]
    total: int


class ReplyCreate(Model):
    id: Uuid | None = None
    body: ReplyBody


class StatusUpdate(Model):
    status: Status


class DuplicateRequest(Model):
    original_id: Uuid


# --- push -----------------------------------------------------------------------------------------------


class CreateMutation(Model):
    type: Literal["create"]
    number: Number
    id: Uuid  # the mutation's own id, made when it was queued: the server remembers it (idempotency key)
    insight: InsightDraft


class EditMutation(Model):
    type: Literal["edit"]
    number: Number
    id: Uuid  # the mutation's own id, made when it was queued: the server remembers it (idempotency key)
    insight_id: Uuid
    base_version: Number
    changes: InsightPatch


class WithdrawMutation(Model):
    type: Literal["withdraw"]
    number: Number
    id: Uuid  # the mutation's own id, made when it was queued: the server remembers it (idempotency key)
    insight_id: Uuid
    base_version: Number | None = None


class ReplyMutation(Model):
    type: Literal["reply"]
    number: Number
    id: Uuid  # the mutation's own id, made when it was queued: the server remembers it (idempotency key)
    reply: ReplyDraft


class SameHereMutation(Model):
    type: Literal["same_here"]
    number: Number
    id: Uuid  # the mutation's own id, made when it was queued: the server remembers it (idempotency key)
    same_here: SameHereDraft


Mutation = Annotated[
    CreateMutation | EditMutation | WithdrawMutation | ReplyMutation | SameHereMutation,
    Field(discriminator="type"),
]


class PushRequest(Model):
    """Mutations in increasing `number` order; numbers are per device and never reused."""

    protocol: Literal[2] = PROTOCOL_VERSION
    mutations: Annotated[list[Mutation], Field(min_length=1, max_length=MAX_BATCH_MUTATIONS)]


# number_used: this device already used the number for another mutation (`mutation_id` names the one the
# server holds, or is null). Nothing was applied; the device's numbering forked (a restored backup, a copied
# data folder): the client registers a new device and sends the mutation again.
ResultStatus = Literal["applied", "duplicate", "rejected", "number_used"]


class MutationResult(Answer):
    number: int
    # The mutation this result is about: the one sent, except for number_used. A client never takes a result
    # whose id is not the one it sent as an answer to what it sent.
    mutation_id: str | None = None
    status: ResultStatus
    code: str | None = None  # why rejected: conflict, not_found, forbidden, invalid, id_taken
    message: str | None = None
    insight: Insight | None = None  # the insight's current state (after the change, or on conflict)
    reply: Reply | None = None
    same_here: SameHere | None = None


class PushResponse(Answer):
    results: list[MutationResult]
    last_mutation: int  # the highest number this device has had processed


# --- pull -----------------------------------------------------------------------------------------------


class InsightChange(Answer):
    kind: Literal["insight"]
    insight: Insight


class ReplyChange(Answer):
    kind: Literal["reply"]
    reply: Reply


class Tombstone(Answer):
    """The insight is gone for this reader (erased, or no longer visible): delete the local copy."""

    kind: Literal["tombstone"]
    insight_id: str
    reason: Literal["erased", "hidden"]


Change = Annotated[InsightChange | ReplyChange | Tombstone, Field(discriminator="kind")]


class ChangesResponse(Answer):
    cursor: str
    has_more: bool
    changes: list[Change]
    # The reader's communities now. A client that sees them change re-reads the feed from the start
    # (joined) or drops what it may no longer read (left); see docs/protocol.md.
    communities: list[str] | None = None


class Summary(Answer):
    """What the server holds for the caller, to compare with the local copy and re-sync on drift."""

    cursor: str
    insights: int
    withdrawn: int
    replies: int
    by_status: dict[str, int]
    last_mutation: int


# --- weekly community digest ----------------------------------------------------------------------------


class DigestItem(Answer):
    id: str
    text: str  # the first line, shortened
    status: Status
    customers: int
    reps: int
    reply: str | None = None  # the product team's latest reply in the week, shortened


class CommunityDigest(Answer):
    community: str
    name: str
    captured: int  # new insights in the week
    same_here: int  # "same here"s said in the week
    top: list[DigestItem]  # the week's new insights with the most customers behind them
    answered: list[DigestItem]  # insights the product team replied to in the week
    shipped: list[DigestItem]  # insights whose status became "shipped" in the week


class Digest(Answer):
    week: str  # ISO week, e.g. 2026-W47
    starts: UtcDatetime
    ends: UtcDatetime
    communities: list[CommunityDigest]


# --- misc -----------------------------------------------------------------------------------------------


class ErrorBody(Answer):
    error: str  # machine-readable code
    message: str  # for people
    details: list[dict[str, Any]] | None = None


class Health(Answer):
    status: Literal["ok"]
    protocol: int
    database: Literal["ok"]
