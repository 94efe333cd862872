"""What the privacy detector reports: the kinds of personal data, one finding, one masking result."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

NATIONAL_ID_KINDS: frozenset[str] = frozenset(
    {"fi_hetu", "se_personnummer", "se_samordningsnummer", "no_fodselsnummer", "dk_cpr", "es_dni", "es_nie"}
)


class PiiKind(enum.StrEnum):
    """A family of personal identifiers; the value is stable and safe to store."""

    CARD = "card"
    IBAN = "iban"
    FI_HETU = "fi_hetu"
    SE_PERSONNUMMER = "se_personnummer"
    SE_SAMORDNINGSNUMMER = "se_samordningsnummer"
    NO_FODSELSNUMMER = "no_fodselsnummer"
    DK_CPR = "dk_cpr"
    ES_DNI = "es_dni"
    ES_NIE = "es_nie"
    EMAIL = "email"
    PHONE = "phone"

    @property
    def is_national_id(self) -> bool:
        return self.value in NATIONAL_ID_KINDS


# The word a masked card or IBAN starts with; typed just before the value, it is not repeated.
_LABELS = {PiiKind.CARD: "card", PiiKind.IBAN: "iban"}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data in a text: text[start:end] == value."""

    kind: PiiKind
    start: int
    end: int
    value: str
    # The value reduced to what identifies it (digits, upper-case IBAN, E.164 phone, lower-case e-mail),
    # so "4111 1111 1111 1111" and "4111111111111111" share one key.
    normalized: str = field(default="", repr=False, compare=False)

    @property
    def key(self) -> str:
        """A stable id for "keep this item": the kind and a hash of the normalised value.

        The hash keeps the value out of logs and casual view; it is not anonymisation (a hetu or a card
        number can be found again by hashing every candidate), so a stored key is still personal data.
        """
        import hashlib  # here, not at the top: its OpenSSL binding costs ~10 ms of import time

        digest = hashlib.sha256((self.normalized or self.value).encode()).hexdigest()[:16]
        return f"{self.kind}:{digest}"

    @property
    def masked(self) -> str:
        """What replaces the value when the text is masked."""
        if self.kind is PiiKind.CARD:
            return f"card {self.tail}"
        if self.kind is PiiKind.IBAN:
            return f"[IBAN {self.tail}]"
        if self.kind is PiiKind.EMAIL:
            return "[email]"
        if self.kind is PiiKind.PHONE:
            return "[phone]"
        return "[national id]"

    @property
    def tail(self) -> str:
        """The last four characters behind dots ("••••1111"): enough to tell two cards apart on a call."""
        return "••••" + "".join(ch for ch in (self.normalized or self.value) if ch.isalnum())[-4:]

    def masked_after(self, before: str) -> str:
        """The replacement where `before` is the text in front of the value.

        "card 4111 1111 1111 1111" must not become "card card ••••1111": when the rep already named the kind
        right before the number, only the dotted tail replaces it.
        """
        label = _LABELS.get(self.kind)
        words = before.rstrip(" :\t").rsplit(None, 1)
        if label and words and words[-1].lower() == label:
            return self.tail
        return self.masked


@dataclass(frozen=True)
class MaskResult:
    """A masked text, what was masked in the original and what the user chose to keep."""

    text: str
    masked: list[Finding]
    kept: list[Finding]
