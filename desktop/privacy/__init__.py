"""Privacy guard: find and mask personal data (cards, IBANs, national ids, e-mail, phones) in free text.

API (stable; the capture window, the CLI and the server all use it)::

    from desktop.privacy import find_pii, mask_pii, Finding, PiiKind

    find_pii(text) -> list[Finding]
        Non-overlapping findings sorted by start; text[f.start:f.end] == f.value.
    Finding(kind: PiiKind, start, end, value)          frozen dataclass
        .key     stable id for "keep this item": f"{kind}:{hash}" of the normalised value (digits,
                 upper-case IBAN, E.164 phone, lower-case e-mail), so the same card typed with or
                 without spaces has one key, and a stored key holds no personal data.
        .masked  the replacement: "card ••••1234", "[IBAN ••••1234]", "[national id]", "[email]",
                 "[phone]".
    mask_pii(text, keep=()) -> MaskResult(text, masked, kept)
        Replaces every finding whose key is not in keep; kept findings are left as typed.
    PiiKind      StrEnum: card, iban, fi_hetu, se_personnummer, se_samordningsnummer,
                 no_fodselsnummer, dk_cpr, es_dni, es_nie, email, phone.  .is_national_id

Checksums come from python-stdnum, phone numbering plans from phonenumbers (national formats tried in
`desktop.privacy.contacts.PHONE_REGIONS` order: FI, SE, NO, DK, ES). Both load lazily, so importing this
package costs a few ms; the first find_pii call pays ~70 ms of imports (call `warm_up()` off the UI
thread to pay it early). Plain Python, no Qt: safe on the server and in worker threads.
"""

from __future__ import annotations

from desktop.privacy.detector import find_pii
from desktop.privacy.kinds import Finding, MaskResult, PiiKind
from desktop.privacy.masking import mask_pii

__all__ = ["Finding", "MaskResult", "PiiKind", "find_pii", "mask_pii", "warm_up"]


def warm_up() -> None:
    """Load stdnum and phonenumbers now (e.g. from a background thread at start-up)."""
    find_pii("+358 40 123 4567 4111 1111 1111 1111 FI21 1234 5600 0007 85 131052-308T 12345678Z")
