"""The server's second line against personal data: the desktop's detector run again on every incoming text.

The desktop masks before anything is sent; this catches what an older app, a script or a rep's explicit
"keep" let through. Items the rep kept (their keys travel with the insight) stay as typed but flag the insight,
so the product team sees that it holds personal data on purpose. Erasure is in `erasure.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from protocol.schema import MAX_CUSTOMER_REF_CHARS, MAX_REPLY_CHARS, MAX_TEXT_CHARS
from server.services.errors import Invalid


@dataclass(frozen=True)
class Guarded:
    text: str | None
    flagged: bool


@dataclass(frozen=True)
class GuardedText(Guarded):
    """A guarded text (never absent, unlike a customer reference)."""

    text: str


def guard_text(text: str, keep: Iterable[str] = (), *, limit: int = MAX_TEXT_CHARS) -> GuardedText:
    from privacy.saving import mask_note

    result = mask_note(text, keep)
    return GuardedText(_within(result.text, limit), bool(result.masked or result.kept))


def guard_customer_ref(ref: str | None, keep: Iterable[str] = ()) -> Guarded:
    if not ref:
        return Guarded(ref, False)
    from privacy.saving import mask_customer_ref

    result = mask_customer_ref(ref, keep)
    return Guarded(_within(result.text, MAX_CUSTOMER_REF_CHARS), bool(result.masked or result.kept))


def guard_reply(body: str) -> str:
    from privacy.saving import mask_note

    return _within(mask_note(body).text, MAX_REPLY_CHARS)


def _within(text: str, limit: int) -> str:
    # A mask can be longer than what it hides ("[national id]" vs an 11-character id).
    if len(text) > limit:
        raise Invalid(f"the text is over {limit:,} characters once personal data is masked; shorten it")
    return text
