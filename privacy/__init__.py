"""Privacy guard: find and mask personal data (cards, IBANs, national ids, e-mail, phones) in free text.

API (stable; the capture window, the CLI and the server all use it)::

    from privacy import find_pii, mask_pii, Finding, PiiKind

    find_pii(text) -> list[Finding]
        Non-overlapping findings sorted by start; text[f.start:f.end] == f.value.
    Finding(kind: PiiKind, start, end, value)          frozen dataclass
        .key     stable id for "keep this item": f"{kind}:{hash}" of the normalised value (digits,
                 upper-case IBAN, E.164 phone, lower-case e-mail), so the same card typed with or
                 without spaces has one key. Unsalted, so desktop and server agree on it; a hash, not
                 anonymisation: treat a stored key as personal data.
        .masked  the replacement: "card ••••1234", "[IBAN ••••1234]", "[national id]", "[email]",
                 "[phone]".
    mask_pii(text, keep=()) -> MaskResult(text, masked, kept)
        Replaces every finding whose key is not in keep; kept findings are left as typed.
    PiiKind      StrEnum: card, iban, fi_hetu, se_personnummer, se_samordningsnummer,
                 no_fodselsnummer, dk_cpr, es_dni, es_nie, email, phone.  .is_national_id

Saving: the store masks every capture, edit and reply before it enters the outbox (Store.capture(new,
keep_pii=keys)); the helpers it and the CLI use are in `privacy.saving`.

Checksums come from python-stdnum, phone numbering plans from phonenumbers (national formats tried in
`privacy.contacts.PHONE_REGIONS` order: FI, SE, NO, DK, ES). Both load lazily, so importing this
package costs ~15 ms (most of it `dataclasses`); the first find_pii call pays 60-200 ms of imports (the
app calls `warm_up()` off the UI thread when the capture window first opens). After that a 2,000-character
note takes ~1 ms CPU.
Plain Python, no Qt, no shared mutable state except caches: safe on the server and in worker threads.
Design, rules and limits: docs/privacy.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from privacy.detector import find_pii
    from privacy.kinds import Finding, MaskResult, PiiKind
    from privacy.masking import mask_pii

__all__ = ["Finding", "MaskResult", "PiiKind", "find_pii", "mask_pii", "warm_up"]

# The API loads on first use (PEP 562): the desktop imports `privacy.files` at start for its log folder's
# modes, and that must not bring the detector and its patterns into a tray app that has not captured yet.
_API = {
    "find_pii": "privacy.detector",
    "Finding": "privacy.kinds",
    "MaskResult": "privacy.kinds",
    "PiiKind": "privacy.kinds",
    "mask_pii": "privacy.masking",
}


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'privacy' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), name)
    globals()[name] = value
    return value


def warm_up() -> None:
    """Load stdnum and phonenumbers now (e.g. from a background thread before the first check)."""
    from privacy.detector import find_pii

    find_pii("+358 40 123 4567 4111 1111 1111 1111 FI21 1234 5600 0007 85 131052-308T 12345678Z")
