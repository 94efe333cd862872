"""Independent checks of corpus identifiers, straight from stdnum and phonenumbers (not the detector)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import phonenumbers as pn
from stdnum import iban, luhn
from stdnum.dk import cpr
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.no import fodselsnummer
from stdnum.se import personnummer

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def _samordningsnummer(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    yyyymmdd = digits[:-4] if len(digits) == 12 else ("19" + digits[:6])
    try:
        datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]) - 60)
    except ValueError:
        return False
    return luhn.is_valid(digits[-10:])


def _phone(value: str) -> bool:
    for region in ("FI", "SE", "NO", "DK", "ES"):
        try:
            if pn.is_valid_number(pn.parse(value, region)):
                return True
        except pn.NumberParseException:
            continue
    return False


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "card": lambda v: luhn.is_valid(re.sub(r"\D", "", v)),
    "iban": iban.is_valid,
    "fi_hetu": lambda v: hetu.is_valid(v, allow_temporary=True),
    "se_personnummer": personnummer.is_valid,
    "se_samordningsnummer": _samordningsnummer,
    "no_fodselsnummer": fodselsnummer.is_valid,
    "dk_cpr": cpr.is_valid,
    "es_dni": lambda v: dni.is_valid(v.replace(".", "")),
    "es_nie": nie.is_valid,
    "email": lambda v: bool(_EMAIL.fullmatch(v)),
    "phone": _phone,
}
