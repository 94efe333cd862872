"""The domain: insights, communities, product areas, replies and drafts, with the rules for their text."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from desktop.errors import InvalidInput
from desktop.language import _, format_number
from protocol.limits import (  # the one source, shared with the server
    MAX_CUSTOMER_REF_CHARS as MAX_CUSTOMER_REF_CHARS,
    MAX_TAG_CHARS,
    MAX_TAGS,
    MAX_TEXT_CHARS as MAX_TEXT_CHARS,
    Impact as Impact,
    Status as Status,
)


class SyncState(StrEnum):
    """Where the local copy of an insight stands with the server."""

    LOCAL = "local"  # saved on this machine, not yet accepted by the server
    SENT = "sent"  # the server has it
    FAILED = "failed"  # the server refused it; the reason is kept with it


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    """Insights and replies are named on the client so a retried push can never create a second copy."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Community:
    """A community of practice that reps belong to, e.g. "Payments CoP"."""

    slug: str
    name: str
    member: bool = False  # the signed-in rep belongs to it (from the server)
    open: bool = False  # the rep may join or leave it themselves


@dataclass(frozen=True)
class ProductArea:
    slug: str
    name: str


@dataclass(frozen=True)
class NewInsight:
    """What a rep typed, before it is checked and saved."""

    text: str
    community: str
    product_area: str | None = None
    customer_ref: str | None = None
    impact: Impact | str = Impact.MEDIUM
    tags: tuple[str, ...] | list[str] = ()


@dataclass(frozen=True)
class Insight:
    """A saved insight as the rep's machine knows it."""

    id: str
    text: str
    community: str
    product_area: str | None
    customer_ref: str | None
    impact: Impact
    tags: tuple[str, ...]
    author: str
    created_at: datetime
    updated_at: datetime
    status: Status = Status.NEW
    server_version: int | None = None
    sync_state: SyncState = SyncState.LOCAL
    sync_error: str | None = None
    withdrawn: bool = False
    duplicate_of: str | None = None
    # Personal data, recorded on this machine only (never sent): what the rep chose to keep as typed,
    # and how many items of each kind were masked when the insight was saved or edited.
    pii_kept: tuple[KeptPii, ...] = ()
    pii_masked: tuple[tuple[str, int], ...] = ()  # (kind, count), e.g. (("card", 1), ("email", 2))
    # Customers and reps behind it, as the server last said, and whether the rep follows it (wrote
    # it or said "same here"). A community insight the rep only reads has following False and no customer_ref.
    customers: int = 1
    reps: int = 1
    following: bool = True


@dataclass(frozen=True)
class KeptPii:
    """An item of personal data the rep kept as typed: its kind and its key (privacy), never the value."""

    kind: str
    key: str


@dataclass(frozen=True)
class Reply:
    """One message in an insight's thread, from the product team or the rep."""

    id: str
    insight_id: str
    author: str
    body: str
    created_at: datetime
    read: bool = False
    author_role: str = "product"
    mine: bool = False
    sync_state: SyncState = SyncState.SENT
    sync_error: str | None = None


@dataclass(frozen=True)
class SameHere:
    """A "same here" the rep said on an existing insight: one more customer behind it."""

    id: str
    insight_id: str
    customer_ref: str | None
    impact: Impact
    note: str | None
    created_at: datetime
    sync_state: SyncState = SyncState.LOCAL
    sync_error: str | None = None


@dataclass(frozen=True)
class Notice:
    """A reply, status change or merge the rep has not been shown yet.

    The store keeps facts, not sentences: the tray builds the words in the rep's language. `title` is only
    set on notices stored by an older version (English words, shown as they are).
    """

    id: int
    kind: str  # "reply", "status" or "merged"
    insight_id: str
    title: str
    body: str  # the reply's words (reply), else the insight's first words
    actor: str | None = None  # who replied
    status: str | None = None  # the insight's new status
    insight_text: str = ""  # the insight's first words, so the notice can say which one it is about


@dataclass
class Draft:
    """The unsaved content of the capture window, kept so that nothing typed is lost."""

    text: str = ""
    community: str | None = None
    product_area: str | None = None
    customer_ref: str = ""
    impact: Impact | str = Impact.MEDIUM
    updated_at: datetime = field(default_factory=utc_now)

    def is_empty(self) -> bool:
        return not self.text.strip() and not self.customer_ref.strip()


# Control characters (Cc) other than newline and tab come from pasted terminals and CRMs and break
# exports; lone surrogates (Cs) cannot be stored as UTF-8. Format characters (Cf) stay: right-to-left
# marks and emoji joiners are part of real text.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cs"})
_KEPT_CONTROLS = frozenset("\n\t")


def clean_text(text: str, *, what: str | None = None, empty: str | None = None, limit: int = MAX_TEXT_CHARS) -> str:
    """Return the text as it will be stored, or raise InvalidInput saying why it cannot be.

    `what` names the field as the subject of a sentence, already translated ("The insight" when None);
    `empty` is the whole sentence for a blank text (translators need it whole: "empty" agrees with its noun).
    """
    what = what or _("The insight")
    if not isinstance(text, str):
        raise InvalidInput(_("{what} must be text.").format(what=what))
    if text.isascii() and text.isprintable():
        cleaned = text  # the common case, checked without walking every character in Python
    else:
        cleaned = "".join(
            ch for ch in text if ch in _KEPT_CONTROLS or unicodedata.category(ch) not in _DROPPED_CATEGORIES
        )
    if not cleaned.strip():
        raise InvalidInput(empty or _("The insight is empty. Type what the customer said, then save."))
    if len(cleaned) > limit:
        raise InvalidInput(
            _(
                "{what} is {length} characters long; the limit is {limit}. "
                "Shorten it or split it into two insights. Nothing was saved."
            ).format(what=what, length=format_number(len(cleaned)), limit=format_number(limit))
        )
    return cleaned


def clean_optional(value: str | None, *, what: str, limit: int) -> str | None:
    """A short optional field: trimmed, None when blank, refused when too long."""
    if value is None or not value.strip():
        return None
    cleaned = clean_text(value.strip(), what=what, limit=limit)
    return " ".join(cleaned.split())  # one line: a reference or tag never needs line breaks


def clean_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    result: list[str] = []
    for tag in tags:
        cleaned = clean_optional(tag.lstrip("#"), what=_("The tag “{tag}”").format(tag=tag), limit=MAX_TAG_CHARS)
        if cleaned and cleaned not in result:
            result.append(cleaned)
    if len(result) > MAX_TAGS:
        raise InvalidInput(
            _("An insight can have at most {limit} tags; this one has {n}.").format(limit=MAX_TAGS, n=len(result))
        )
    return tuple(result)


def parse_impact(value: Impact | str) -> Impact:
    try:
        return Impact(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(i.value for i in Impact)
        raise InvalidInput(
            _("“{value}” is not an impact. Choose one of: {choices}.").format(value=value, choices=choices)
        ) from None


@dataclass(frozen=True)
class Hint:
    """An existing insight like the one being typed, with how alike they are, 0..1."""

    insight: Insight
    score: float
