"""find_pii: every kind of finder run over a text, overlaps resolved, sorted by position."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from privacy.contacts import find_emails, find_phones
from privacy.identifiers import find_identifiers
from privacy.kinds import Finding, PiiKind

# When two findings overlap, the stronger evidence wins: an exact e-mail shape, then checksummed
# identifiers (two-digit and mod-97 checks before Luhn), then a phone-number plan.
_RANK = {
    PiiKind.EMAIL: 0,
    PiiKind.IBAN: 1,
    PiiKind.FI_HETU: 2,
    PiiKind.NO_FODSELSNUMMER: 2,
    PiiKind.ES_DNI: 2,
    PiiKind.ES_NIE: 2,
    PiiKind.CARD: 3,
    PiiKind.SE_PERSONNUMMER: 3,
    PiiKind.SE_SAMORDNINGSNUMMER: 3,
    PiiKind.DK_CPR: 4,
    PiiKind.PHONE: 5,
}
# A CPR typed without its dash is ten digits that read as a birth date, nothing more: weaker evidence than a
# phone-number plan, so "0401234567" stays a Finnish mobile number (masked either way; the chip's word differs).
_WEAK_RANK = 6


def _weak(finding: Finding) -> bool:
    return finding.kind is PiiKind.DK_CPR and finding.value.isdigit()


# Findings detected ahead of time by `detected_ahead`, for the code running inside its block.
_AHEAD: ContextVar[Mapping[str, list[Finding]] | None] = ContextVar("privacy_detected_ahead", default=None)


@contextmanager
def detected_ahead(texts: Iterable[str]) -> Iterator[None]:
    """Detect in `texts` now; inside the block, find_pii on any of them answers from what was found.

    Detection is the slow part of masking (seconds for a full sync batch). The server runs it here, before
    its write transaction, so the database's write lock is held for the inserts only, not for the detection.
    """
    known = {text: _detect(text) for text in set(texts)}
    token = _AHEAD.set(known)
    try:
        yield
    finally:
        _AHEAD.reset(token)


def find_pii(text: str) -> list[Finding]:
    """Personal data in text: non-overlapping findings sorted by start."""
    known = _AHEAD.get()
    if known is not None and text in known:
        return list(known[text])  # a copy: callers may change their list
    return _detect(text)


def _detect(text: str) -> list[Finding]:
    candidates = [*find_emails(text), *find_identifiers(text)]
    candidates += find_phones(text, taken=[(f.start, f.end) for f in candidates if not _weak(f)])
    candidates.sort(key=lambda f: (_WEAK_RANK if _weak(f) else _RANK[f.kind], f.start - f.end, f.start))
    chosen: list[Finding] = []
    for finding in candidates:
        if all(finding.end <= other.start or other.end <= finding.start for other in chosen):
            chosen.append(finding)
    return sorted(chosen, key=lambda f: f.start)
