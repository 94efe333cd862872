"""E-mail addresses and phone numbers (phone numbers validated by the phonenumbers library)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from types import ModuleType

from privacy.context import weak_number_is_not_pii
from privacy.kinds import Finding, PiiKind
from privacy.patterns import Lazy as _Lazy

# National formats are tried in this order; the first region whose numbering plan accepts the number
# wins (so "040 123 4567" is a Finnish mobile, not a Swedish landline). International numbers need none.
PHONE_REGIONS: tuple[str, ...] = ("FI", "SE", "NO", "DK", "ES")

_LOCAL_MAX, _DOMAIN_MAX = 64, 255  # RFC 5321 limits on the parts of an address
_EMAIL = _Lazy(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# A run of digits with the separators people type in phone numbers. Dots and slashes are left out on
# purpose: they make dates ("12.3.2024", "12/03") and versions, never Nordic or Spanish phone numbers.
_PHONE_RUN = _Lazy(r"(?=[+(\d])(?<![\w+#/.,:-])(?:\+|00)?\(?\d[\d \-()]{5,22}\d(?![\w/%]|[.,:]\d)")
# Dates written with dashes ("2024-03-12", "12-03-2024") or as one block ("20240312") fit some
# numbering plans (Danish mobiles start with 2); a phone number never reads as a calendar date.
_DASH_DATE = _Lazy(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4}")
# "2019-2024": a span of years, which fits Danish and Norwegian eight-digit plans.
_YEAR_RANGE = _Lazy(r"((?:19|20)\d\d) ?- ?((?:19|20)\d\d)")
_MIN_DIGITS = 7
_AFTER_FIRST_GROUP = _Lazy(r"\(?\d+\)?[ -]+((?:\+|0[1-9])[\d \-()]*)")


def _is_compact_date(digits: str) -> bool:
    """ "20240312": eight digits that read as a date in 1900-2099."""
    if len(digits) != 8 or digits[:2] not in ("19", "20"):
        return False
    month, day = int(digits[4:6]), int(digits[6:8])
    return 1 <= month <= 12 and 1 <= day <= 31


def _is_year_range(run: str) -> bool:
    years = _YEAR_RANGE.fullmatch(run)
    return years is not None and years.group(1) <= years.group(2)


def _is_local_char(ch: str) -> bool:
    return ch.isalnum() or ch in "._%+-"


def find_emails(text: str) -> Iterator[Finding]:
    """E-mail addresses, looked for only around each "@" (a scan of the whole text costs ~50 µs)."""
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and at - start < _LOCAL_MAX and _is_local_char(text[start - 1]):
            start -= 1
        match = _EMAIL.match(text, start, at + _DOMAIN_MAX)
        if match:
            yield Finding(PiiKind.EMAIL, match.start(), match.end(), match.group(), match.group().lower())
        at = text.find("@", match.end() if match else at + 1)


@functools.cache
def _phonenumbers() -> ModuleType:
    """Import phonenumbers on first use (~25 ms, plus ~1 ms per region for its metadata)."""
    import phonenumbers

    return phonenumbers


def find_phones(text: str, taken: Iterable[tuple[int, int]] = ()) -> Iterator[Finding]:
    """Phone numbers: a regex finds digit runs, PhoneNumberMatcher (leniency VALID) decides.

    The matcher runs on each short run rather than the whole text: over 2,000 characters it costs ~4 ms
    per region, over a run some 40 µs. Runs inside `taken` spans (a card, an IBAN) are skipped.
    """
    taken = list(taken)
    for match in _PHONE_RUN.finditer(text):
        start, end = match.span()
        if any(s <= start and end <= e for s, e in taken):
            continue
        if text[start] == "(" and ")" not in match.group():  # "(040 123 4567)": ")" fell outside
            start += 1
        if weak_number_is_not_pii(text, start, end):
            # "viitenumero 12345 67890 12344": the whole run is the reference, unless what follows its
            # first group starts like a phone number of its own ("tilaus 12345 040 123 4567").
            rest = _AFTER_FIRST_GROUP.match(text, start, end)
            if not rest:
                continue
            start = rest.start(1)
        run = text[start:end]
        if sum(ch.isdigit() for ch in run) < _MIN_DIGITS or _DASH_DATE.fullmatch(run) or _is_year_range(run):
            continue
        for hit_start, hit_end, e164 in _numbers_in_run(run):
            hit_start, hit_end = start + hit_start, start + hit_end
            groups = re.findall(r"\d+", text[hit_start:hit_end])
            digits = "".join(groups)
            # Under seven digits it is a service number or, far likelier, a group of a reference number;
            # "1 2 3 4 5 6 7" is a list and "2345678-1" a Finnish business id (no phone format ends
            # in a one-digit group), however the matcher groups them.
            if len(digits) < _MIN_DIGITS or _is_compact_date(digits) or len(groups[-1]) == 1:
                continue
            if sum(len(group) == 1 for group in groups) > 1:
                continue
            if not weak_number_is_not_pii(text, hit_start, hit_end):
                yield Finding(PiiKind.PHONE, hit_start, hit_end, text[hit_start:hit_end], e164)


@functools.lru_cache(maxsize=4096)
def _numbers_in_run(run: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, E.164) of each number in run. Cached: while the rep types, the same runs come back."""
    pn = _phonenumbers()
    dates = [(m.start(), m.end()) for m in _DASH_DATE.finditer(run)]
    for region in _regions_for(run):
        found = list(pn.PhoneNumberMatcher(run, region, leniency=pn.Leniency.VALID))
        if found:
            return tuple(
                (hit.start, hit.end, pn.format_number(hit.number, pn.PhoneNumberFormat.E164))
                for hit in found
                if not any(hit.start < end and start < hit.end for start, end in dates)
            )
    return ()


def _regions_for(run: str) -> tuple[str, ...]:
    """Regions whose national format can start like run: "0..." needs a trunk prefix (FI, SE), others not.

    Read from phonenumbers' metadata, it spares the matcher the regions that cannot match.
    """
    if run.startswith(("+", "00")):
        return PHONE_REGIONS[:1]  # the country code decides; the region is only a formality
    first = run.lstrip("(")[:1]
    return tuple(
        region for region, prefix in _trunk_prefixes().items() if (first == prefix if prefix else first != "0")
    )


@functools.cache
def _trunk_prefixes() -> dict[str, str | None]:
    pn = _phonenumbers()
    return {region: pn.PhoneMetadata.metadata_for_region(region).national_prefix for region in PHONE_REGIONS}
