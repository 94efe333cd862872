"""Masking at save time: what the store keeps of a note and its customer reference, and words for what was masked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from privacy.detector import find_pii
from privacy.kinds import NATIONAL_ID_KINDS, Finding, MaskResult, PiiKind
from privacy.masking import mask_pii

# How a masked kind is named to the user ("Masked before saving: 1 card number, 2 e-mail addresses.").
_NAMES: dict[str, tuple[str, str]] = {
    PiiKind.CARD: ("card number", "card numbers"),
    PiiKind.IBAN: ("IBAN", "IBANs"),
    PiiKind.EMAIL: ("e-mail address", "e-mail addresses"),
    PiiKind.PHONE: ("phone number", "phone numbers"),
}
_NATIONAL_ID = ("national identity number", "national identity numbers")
_OTHER = ("other personal identifier", "other personal identifiers")  # a kind recorded by a newer version
_ORDER = {str(kind): n for n, kind in enumerate(PiiKind)}


def mask_note(text: str, keep: Iterable[str] = ()) -> MaskResult:
    """The note as it will be saved: every finding masked unless its key is in keep."""
    return mask_pii(text, keep)


def mask_customer_ref(ref: str, keep: Iterable[str] = ()) -> MaskResult:
    """The customer reference as it will be saved: like a note, except a bare case number stays.

    The field is meant for a CRM case number, and an 8-9 digit one ("52345678") fits the Danish,
    Norwegian or Spanish numbering plan. A phone number there is masked when it is written as one:
    with "+", "00" or a trunk "0", or in groups ("40 12 34 56"). Every other kind is always masked.
    """
    keep = set(keep)
    case_numbers = {f.key for f in find_pii(ref) if _reads_as_case_number(f)} - keep
    result = mask_pii(ref, keep | case_numbers)
    return MaskResult(result.text, result.masked, [f for f in result.kept if f.key not in case_numbers])


def _reads_as_case_number(finding: Finding) -> bool:
    return finding.kind is PiiKind.PHONE and finding.value.isdigit() and finding.value[0] != "0"


def keys_found(*texts: str | None) -> set[str]:
    """The keys of everything found in these texts (what `--keep-pii` keeps)."""
    return {f.key for text in texts if text for f in find_pii(text)}


def count_by_kind(findings: Iterable[Finding]) -> dict[str, int]:
    """{kind: how many}, in PiiKind order (how the store records what it masked)."""
    counts = Counter(str(f.kind) for f in findings)
    return {str(kind): counts[kind] for kind in PiiKind if counts[kind]}


def describe_counts(counts: dict[str, int]) -> str:
    """'1 card number, 2 e-mail addresses' from {kind: count}; national ids of every country as one."""
    named: Counter[tuple[str, str]] = Counter()
    # PiiKind order, whatever order the counts come in, so the same findings always read the same.
    for kind in sorted(counts, key=lambda k: _ORDER.get(k, len(_ORDER))):
        named[_NAMES.get(kind) or (_NATIONAL_ID if kind in NATIONAL_ID_KINDS else _OTHER)] += counts[kind]
    return ", ".join(f"{n} {singular if n == 1 else plural}" for (singular, plural), n in named.items())
