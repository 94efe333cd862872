"""find_pii: every kind of finder run over a text, overlaps resolved, sorted by position."""

from __future__ import annotations

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


def find_pii(text: str) -> list[Finding]:
    """Personal data in text: non-overlapping findings sorted by start."""
    candidates = [*find_emails(text), *find_identifiers(text)]
    candidates += find_phones(text, taken=[(f.start, f.end) for f in candidates])
    candidates.sort(key=lambda f: (_RANK[f.kind], f.start - f.end, f.start))
    chosen: list[Finding] = []
    for finding in candidates:
        if all(finding.end <= other.start or other.end <= finding.start for other in chosen):
            chosen.append(finding)
    return sorted(chosen, key=lambda f: f.start)
