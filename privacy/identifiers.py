"""Checksummed identifiers: payment cards, IBANs, Nordic and Spanish national ids (checked by stdnum)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from types import SimpleNamespace

from privacy.context import weak_number_is_not_pii
from privacy.kinds import Finding, PiiKind
from privacy.patterns import Lazy as _Lazy

# Regexes only find candidates; stdnum decides. Lookarounds keep us out of longer tokens such as
# "ORD-240312-0042", "v1.2.3" or "1.299,00". Most patterns start with a plain character class and
# look behind after it ("\d(?<![\w.-]\d)"): the regex engine then skips non-digits in C, ~30% faster.
_CARD = _Lazy(r"\d(?<![\w+#/.,-]\d)(?:[ -]?\d){12,18}(?![\w]|[.,/-]\d)")
_IBAN = _Lazy(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?)"
    r"(?![A-Za-z0-9])"
)
# DDMMYY/YYMMDD + separator + 4 chars: Finnish hetu, Swedish personnummer, Danish CPR share this shape.
_DATE_SERIAL = _Lazy(r"(\d(?<![\w+#/.,-]\d)\d{5}(?:\d\d)?)([-+A-FU-Ya-fu-y])(\d{3}[0-9A-Za-z])(?![\w]|[.,/-]\d)")
_LONG_DIGITS = _Lazy(r"(\d(?<![\w+#/.,-]\d)\d{9}(?:\d\d)?)(?![\w]|[.,/-]\d)")
_NO_FNR = _Lazy(r"\d(?<![\w+#/.,-]\d)\d{5}[ -]?\d{5}(?![\w]|[.,/-]\d)")
_DNI = _Lazy(r"(\d(?<![\w.-]\d)\d?\.?\d{3}\.?\d{3})([- ]?)([A-Za-z])(?![\w])")
_NIE = _Lazy(r"([XYZxyz])(?<![\w.-][XYZxyz])[- ]?(\d{7})([- ]?)([A-Za-z])(?![\w])")

# Lengths issued per IIN prefix (the longest matching prefix decides): Visa 13/16/19, Mastercard 16, Amex 15
# (34, 37), Diners 14-19, JCB 16-19 (3528-3589), Discover 16-19, UnionPay 16-19, Maestro 13-19 (50, 56-58, 63,
# 67). stdnum checks the Luhn digit; it has no table of issuers. Other Luhn-carrying numbers fall outside:
# IMEIs (15 digits from 35, 86, 49...), EAN-13 codes from 2, 5, 7, 8, 9.
_CARD_LENGTHS: dict[str, tuple[int, ...]] = {
    "4": (13, 16, 19),
    **{str(p): (16,) for p in range(51, 56)},
    **{str(p): (16,) for p in range(2221, 2721)},
    "34": (15,),
    "37": (15,),
    "36": (14, 15, 16, 17, 18, 19),
    **{str(p): (14, 15, 16, 17, 18, 19) for p in (300, 301, 302, 303, 304, 305, 3095, 38, 39)},
    **{str(p): (16, 17, 18, 19) for p in range(3528, 3590)},
    **{str(p): (16, 17, 18, 19) for p in (6011, 644, 645, 646, 647, 648, 649, 65, 62, 60, 61, 64, 66, 68, 69)},
    **{str(p): (13, 14, 15, 16, 17, 18, 19) for p in (50, 56, 57, 58, 63, 67)},
}
_IIN_LONGEST = max(len(prefix) for prefix in _CARD_LENGTHS)


def card_lengths(digits: str) -> tuple[int, ...]:
    """The lengths cards starting with these digits are issued in (none: not a card's start)."""
    for size in range(min(_IIN_LONGEST, len(digits)), 0, -1):
        lengths = _CARD_LENGTHS.get(digits[:size])
        if lengths is not None:
            return lengths
    return ()


# "RF18 5390 0754 7034" or an IBAN we could not validate: digit groups of a longer code, not a card.
_CODE_PREFIX = _Lazy(r"[A-Za-z]{2}\d{2} $")
_DIGIT_GROUP = _Lazy(r"\d+")


@functools.cache
def _stdnum() -> SimpleNamespace:
    """Import stdnum on first use: it costs ~40 ms, which must not land on `import privacy`."""
    from stdnum import iban, luhn
    from stdnum.dk import cpr
    from stdnum.es import dni, nie
    from stdnum.fi import hetu
    from stdnum.no import fodselsnummer
    from stdnum.se import personnummer

    return SimpleNamespace(
        iban=iban, luhn=luhn, cpr=cpr, dni=dni, nie=nie, hetu=hetu, fnr=fodselsnummer, pnr=personnummer
    )


def find_identifiers(text: str) -> Iterator[Finding]:
    """Every checksum-valid card, IBAN and national id in text (they may overlap; the caller resolves)."""
    yield from _cards(text)
    yield from _ibans(text)
    yield from _date_serial_ids(text)
    yield from _long_digit_ids(text)
    yield from _norwegian(text)
    yield from _spanish(text)


def _cards(text: str) -> Iterator[Finding]:
    luhn = _stdnum().luhn
    for match in _CARD.finditer(text):
        for start, end, digits in _group_spans(match):
            if len(digits) not in card_lengths(digits) or not luhn.is_valid(digits):
                continue
            if _CODE_PREFIX.search(text[max(0, start - 5) : start]):
                break
            if weak_number_is_not_pii(text, start, end):
                break
            yield Finding(PiiKind.CARD, start, end, text[start:end], digits)
            break


def _group_spans(match: re.Match[str]) -> list[tuple[int, int, str]]:
    """Whole-group sub-spans of a digit run, longest first: "4111 1111 1111 1111 2027" -> the first four.

    People type a card as one block or in groups of three or more digits with one kind of separator;
    a run mixing " " and "-" is split at the odd one out by trying its sub-spans.
    """
    chunk, offset = match.group(), match.start()
    groups = [(m.start() + offset, m.end() + offset, m.group()) for m in _DIGIT_GROUP.finditer(chunk)]
    if len(groups) == 1:
        return groups
    separators = _DIGIT_GROUP.pattern.split(chunk)[1:-1]
    spans = []
    for i in range(len(groups)):
        digits = ""
        for j in range(i, len(groups)):
            if len(groups[j][2]) < 3:
                break  # card groups are 4-4-4-4, 4-6-5, 4-6-4, 4-3-3-3 or 4-4-4-4-3: "1 2 3 4 ..." is a list
            digits += groups[j][2]
            if len(digits) >= 13 and len(set(separators[i:j])) <= 1:
                spans.append((groups[i][0], groups[j][1], digits))
    return sorted(spans, key=lambda span: span[0] - span[1])


def _ibans(text: str) -> Iterator[Finding]:
    iban = _stdnum().iban
    for match in _IBAN.finditer(text):
        value = match.group()
        # A trailing word can look like one more group ("... 1332 para"): drop groups until valid.
        while len(value.replace(" ", "")) >= 15:
            if iban.is_valid(value):
                end = match.start() + len(value)
                yield Finding(PiiKind.IBAN, match.start(), end, value, iban.compact(value))
                break
            if " " not in value:
                break
            value = value.rsplit(" ", 1)[0]


def _date_serial_ids(text: str) -> Iterator[Finding]:
    lib = _stdnum()
    for match in _DATE_SERIAL.finditer(text):
        value, start, end = match.group(), match.start(), match.end()
        kind = _date_serial_kind(lib, match.group(1), match.group(2), match.group(3))
        if kind is None:
            continue
        if kind is not PiiKind.FI_HETU and weak_number_is_not_pii(text, start, end):
            continue  # Luhn or a bare date (CPR) is weak: let "ticket 120324-0042" be
        yield Finding(kind, start, end, value, re.sub(r"[^0-9A-Za-z]", "", value).upper())


def _date_serial_kind(lib: SimpleNamespace, head: str, sep: str, tail: str) -> PiiKind | None:
    value = f"{head}{sep}{tail}"
    if len(head) == 6 and lib.hetu.is_valid(value, allow_temporary=True):
        return PiiKind.FI_HETU
    if sep not in "-+" or not tail.isdigit():
        return None
    if lib.pnr.is_valid(value):
        return PiiKind.SE_PERSONNUMMER
    if is_samordningsnummer(value):
        return PiiKind.SE_SAMORDNINGSNUMMER
    if len(head) == 6 and sep == "-" and lib.cpr.is_valid(value):
        return PiiKind.DK_CPR
    return None


def is_samordningsnummer(value: str) -> bool:
    """Swedish co-ordination number: a personnummer whose birth day has 60 added.

    stdnum has no module for it, so reuse its parts: the date check of `personnummer` on the day minus 60
    and `luhn` on the ten digits as written.
    """
    lib = _stdnum()
    try:
        compact = lib.pnr.compact(value)
    except Exception:  # stdnum raises its own errors on malformed input
        return False
    digits = compact.replace("-", "").replace("+", "")
    if len(digits) not in (10, 12) or not digits.isdigit():
        return False
    day_at = len(digits) - 6
    day = int(digits[day_at : day_at + 2])
    if not 61 <= day <= 91:
        return False
    as_birth = compact[:day_at] + f"{day - 60:02d}" + compact[day_at + 2 :]
    try:
        lib.pnr.get_birth_date(as_birth)
    except Exception:
        return False
    return bool(lib.luhn.is_valid(digits[-10:]))


def _long_digit_ids(text: str) -> Iterator[Finding]:
    """Swedish personnummer and co-ordination numbers, and Danish CPR numbers, typed without their dash.

    A CPR has no check digit since 2007: stdnum checks its date (and century digit) only, so a dashless one is
    any ten digits that read as a past birth date. The context veto (order, case, amount...) keeps business
    numbers out; a Swedish number with a valid Luhn digit is the stronger reading of the same ten digits.
    """
    lib = _stdnum()
    for match in _LONG_DIGITS.finditer(text):
        value, start, end = match.group(), match.start(), match.end()
        if lib.pnr.is_valid(value):
            kind = PiiKind.SE_PERSONNUMMER
        elif is_samordningsnummer(value):
            kind = PiiKind.SE_SAMORDNINGSNUMMER
        elif len(value) == 10 and lib.cpr.is_valid(value):
            kind = PiiKind.DK_CPR
        else:
            continue
        if not weak_number_is_not_pii(text, start, end):
            yield Finding(kind, start, end, value, value)


def _norwegian(text: str) -> Iterator[Finding]:
    fnr = _stdnum().fnr
    for match in _NO_FNR.finditer(text):
        if fnr.is_valid(match.group()):
            value = match.group()
            yield Finding(PiiKind.NO_FODSELSNUMMER, match.start(), match.end(), value, fnr.compact(value))


def _spanish(text: str) -> Iterator[Finding]:
    lib = _stdnum()
    for match in _DNI.finditer(text):
        digits, sep, letter = match.groups()
        digits = digits.replace(".", "")
        # "12345678 a las 10" is Spanish prose, not a DNI: a spaced letter must be a capital.
        if len(digits) != 8 or (sep == " " and not letter.isupper()):
            continue
        if lib.dni.is_valid(digits + letter):
            value = (digits + letter).upper()
            yield Finding(PiiKind.ES_DNI, match.start(), match.end(), match.group(), value)
    for match in _NIE.finditer(text):
        first, digits, sep, letter = match.groups()
        if sep == " " and not letter.isupper():
            continue
        if lib.nie.is_valid(first + digits + letter):
            value = (first + digits + letter).upper()
            yield Finding(PiiKind.ES_NIE, match.start(), match.end(), match.group(), value)
