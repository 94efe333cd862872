"""Request and response bodies of the sync API (protocol v1), shared by the desktop client and the server.

This module imports nothing from `server` or `desktop`: both sides validate with the same models.
See docs/protocol.md for the meaning of every call.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    Strict,
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


# Text must hold at least one character that cleaning keeps (a JSON Schema pattern matches anywhere in it).
_KEPT_CHARACTER = r"[^\x00-\x08\x0b-\x1f\x7f-\x9f]"


@dataclass(frozen=True)
class _Length:
    """Annotated metadata: at most `high` characters as sent, and `low`..`high` once control characters are
    dropped; the JSON schema says exactly that (maxLength as sent, a pattern for "something left")."""

    low: int
    high: int
    what: str

    def check(self, value: str) -> str:
        if len(value) > self.high:
            raise ValueError(f"{self.what} must be at most {self.high} characters, got {len(value)}")
        value = clean_text(value)
        if len(value) < self.low:
            raise ValueError(
                f"{self.what} must have at least {self.low} character(s) besides control characters, got {len(value)}"
            )
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        published: JsonSchemaValue = {"type": "string", "minLength": self.low, "maxLength": self.high}
        if self.low > 0:
            published["pattern"] = _KEPT_CHARACTER
        return published


_UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
_UUID = re.compile(_UUID_PATTERN)


def _canonical_uuid(value: str) -> str:
    """The hyphenated form only, in either case (what the document's pattern says); stored in lower case."""
    if not _UUID.fullmatch(value):
        raise ValueError("must be a UUID such as 0b6f1c6e-3f4d-4f8e-9f57-1d2c3b4a5e6f")
    return value.lower()


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
    WithJsonSchema({"type": "string", "format": "uuid", "pattern": _UUID_PATTERN}),
]
UtcDatetime = Annotated[
    AwareDatetime,
    AfterValidator(_utc),
    PlainSerializer(lambda d: d.astimezone(UTC).isoformat(), return_type=str),
]
# A time a client sends: RFC 3339 with an offset, and only that (pydantic alone would also take Unix seconds, as
# a number or a string of digits, which the document does not allow). Years 1971..9998, so that any offset keeps
# it inside the protocol's 1970..9999 once in UTC.
_SENT_TIME_PATTERN = (
    r"^(197[1-9]|19[89][0-9]|[2-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])"
    r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?"
    r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)
_SENT_TIME = re.compile(_SENT_TIME_PATTERN)


def _sent_time(value: Any) -> Any:
    if isinstance(value, datetime):  # a model built in Python (the desktop's own)
        return value
    if not isinstance(value, str) or not _SENT_TIME.fullmatch(value):
        raise ValueError("must be a time such as 2026-11-22T09:30:00+00:00 (RFC 3339, with an offset)")
    return value


SentTime = Annotated[
    AwareDatetime,
    Strict(False),  # request models are strict, but a time arrives as a string
    BeforeValidator(_sent_time),
    AfterValidator(_utc),
    PlainSerializer(lambda d: d.astimezone(UTC).isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": _SENT_TIME_PATTERN}),
]
InsightText = Annotated[str, _Length(1, MAX_TEXT_CHARS, "text")]
ReplyBody = Annotated[str, _Length(1, MAX_REPLY_CHARS, "body")]
CustomerRef = Annotated[str, _Length(1, MAX_CUSTOMER_REF_CHARS, "customer_ref")]
Tag = Annotated[str, _Length(1, MAX_TAG_CHARS, "tag")]
Name = Annotated[str, _Length(1, MAX_NAME_CHARS, "name")]
Slug = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$")]


def _whole(value: Any) -> Any:
    """JSON Schema counts 1.0 as an integer; a strict int would refuse it (and still refuses "1" and true)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


Number = Annotated[
    int, Field(ge=1, le=MAX_NUMBER), BeforeValidator(_whole)
]  # constraints first: published as minimum/maximum
Tags = Annotated[list[Tag], Field(max_length=MAX_TAGS)]
# privacy's Finding.key of an item the rep chose to keep as typed ("kind:sha256-hex"); the server's
# own detector leaves these alone and masks everything else it finds.
PiiKey = Annotated[str, Field(min_length=3, max_length=120, pattern=r"^[a-z_]+:[0-9a-f]{8,64}$")]
PiiKeys = Annotated[list[PiiKey], Field(max_length=MAX_PII_KEPT)]
# An ISO week such as 2026-W47, ISO years 1971..9998: the protocol's times stay inside 1970..9999, and a week
# runs Monday to the next Monday (1970-W01 starts on 29 December 1969). Whether the year has a week 53 is the one
# thing a pattern cannot say.
ISO_WEEK_PATTERN: Final = (
    r"^(197[1-9]|19[89][0-9]|[2-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])-W(0[1-9]|[1-4][0-9]|5[0-3])$"
)
IsoWeek = Annotated[str, Field(pattern=ISO_WEEK_PATTERN, examples=["2026-W47"])]


class Model(BaseModel):
    """A request body: unknown fields are rejected, so a typo is an error rather than silently ignored; and
    strict, so that a value is taken only in the JSON type the document gives (no "1" for 1, no 1.0 or true)."""

    model_config = ConfigDict(extra="forbid", strict=True)


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


class SignInMethods(Answer):
    """How this server lets people sign in: password, single sign-on with the organisation's provider, or both."""

    password: bool
    sso: bool
    provider_name: str | None = None


# Only a loopback redirect on this computer (RFC 8252): the code must come back to the app that asked.
LoopbackRedirect = Annotated[str, Field(max_length=60, pattern=r"^http://127\.0\.0\.1:[0-9]{1,5}/callback$")]
Pkce = Annotated[str, Field(min_length=43, max_length=128, pattern=r"^[A-Za-z0-9._~-]+$")]


class SsoStartRequest(Model):
    """The desktop's loopback address and its PKCE challenge (S256 of a verifier only the desktop knows)."""

    redirect_uri: LoopbackRedirect
    code_challenge: Annotated[str, Field(min_length=43, max_length=43, pattern=r"^[A-Za-z0-9_-]+$")]


class SsoStart(Answer):
    """Open `authorization_url` in the browser; the provider returns to the redirect with `state` (check it)
    and a code; send both with `ticket` to `/auth/sso/token`."""

    authorization_url: str
    state: str
    ticket: str


class SsoTokenRequest(Model):
    """Sent with a DPoP proof by the new device's key, as a password sign-in is."""

    ticket: Annotated[str, Field(min_length=1, max_length=2000)]
    state: Annotated[str, Field(min_length=1, max_length=200)]
    code: Annotated[str, Field(min_length=1, max_length=2000)]
    code_verifier: Pkce
    device_name: Name = "desktop"


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
    created_at: SentTime
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
    created_at: SentTime
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
    created_at: SentTime | None = None


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


class DigestLoop(Answer):
    """Does the community's loop close? Over the 4 ISO weeks ending with the digest's week."""

    judged_for_7_days: int  # captured in those weeks at least 7 days ago
    answered_within_7_days: int  # of those, answered by the product team within 7 days of capture
    shipped: int  # set to shipped in those weeks
    customers_behind_shipped: int


class CommunityDigest(Answer):
    community: str
    name: str
    captured: int  # new insights in the week
    same_here: int  # "same here"s said in the week
    top: list[DigestItem]  # the week's new insights with the most customers behind them
    answered: list[DigestItem]  # insights the product team replied to in the week
    shipped: list[DigestItem]  # insights whose status became "shipped" in the week
    loop: DigestLoop | None = None  # None from a server without it


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
