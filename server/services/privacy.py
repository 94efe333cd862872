"""The server's second line against personal data: the desktop's detector run again on every incoming text.

The desktop masks before anything is sent; this catches what an older app, a script or a rep's explicit
"keep" let through. Items the rep kept (their keys travel with the insight) stay as typed but flag the insight,
so the product team sees that it holds personal data on purpose. Erasure lives here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from protocol.schema import MAX_CUSTOMER_REF_CHARS, MAX_REPLY_CHARS, MAX_TEXT_CHARS
from server.models import Insight
from server.services import feed
from server.services.errors import Invalid


@dataclass(frozen=True)
class Guarded:
    text: str | None
    flagged: bool


def guard_text(text: str, keep: Iterable[str] = (), *, limit: int = MAX_TEXT_CHARS) -> Guarded:
    from privacy.saving import mask_note

    result = mask_note(text, keep)
    return Guarded(_within(result.text, limit), bool(result.masked or result.kept))


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


def erase(session: Session, insight_id: str) -> bool:
    """Delete an insight and its thread for good; every reader's feed gets an `erased` tombstone."""
    insight = session.get(Insight, insight_id)
    if insight is None:
        return False
    from server.services import backing  # backing uses this module's masking

    backing.detach(session, insight)
    feed.note_ids(session, "insight", insight.id, insight.author_id, insight.community_id, insight.product_area_id)
    session.delete(insight)  # replies go with it (ON DELETE CASCADE)
    return True


def erase_customer(session: Session, customer_ref: str) -> list[str]:
    """Erase every insight recorded with this customer reference (exact match); returns their ids."""
    ids = list(session.scalars(select(Insight.id).where(Insight.customer_ref == customer_ref)))
    for insight_id in ids:
        erase(session, insight_id)
    return ids
