"""Writes the privacy corpora in data/: run `python tests/privacy/make_corpora.py` from the repo root.

Deterministic (SEED below): the same files come out every time, and test_corpora.py checks that they
do. Every identifier is built from random digits and its check digits computed with python-stdnum (or,
for phones, kept only if phonenumbers calls it valid), so the corpus holds no real person's data.
"""

from __future__ import annotations

import datetime
import json
import random
import sys
from pathlib import Path

import phonenumbers as pn
from stdnum import iban, luhn
from stdnum.dk import cpr
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.no import fodselsnummer
from stdnum.se import personnummer

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from templates import CLEAN_TEMPLATES, NOUNS, PII_TEMPLATES, slot_values  # type: ignore[no-redef]
else:
    from .templates import CLEAN_TEMPLATES, NOUNS, PII_TEMPLATES, slot_values

SEED = 20261122
DATA = Path(__file__).resolve().parent / "data"
LANGS = ("en", "fi", "sv", "es")
PER_KIND_AND_LANG = 6
CLEAN_PER_TEMPLATE = 4


def _birth_date(rng: random.Random, first: int = 1930, last: int = 2015) -> datetime.date:
    start = datetime.date(first, 1, 1).toordinal()
    return datetime.date.fromordinal(rng.randint(start, datetime.date(last, 12, 31).toordinal()))


def card(rng: random.Random) -> str:
    prefix, length, groups = rng.choice(
        [
            ("4", 16, (4, 4, 4, 4)),
            ("5" + str(rng.randint(1, 5)), 16, (4, 4, 4, 4)),
            (str(rng.randint(2221, 2720)), 16, (4, 4, 4, 4)),
            ("3" + rng.choice("47"), 15, (4, 6, 5)),
            ("6011", 16, (4, 4, 4, 4)),
        ]
    )
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    digits = body + luhn.calc_check_digit(body)
    style = rng.choice(["plain", "space", "space", "dash"])
    if style == "plain":
        return digits
    parts, at = [], 0
    for size in groups:
        parts.append(digits[at : at + size])
        at += size
    return (" " if style == "space" else "-").join(parts)


_BBAN_LENGTHS = {"FI": 14, "SE": 20, "NO": 11, "DK": 14, "ES": 20, "DE": 18}


def iban_number(rng: random.Random) -> str:
    country = rng.choice(sorted(_BBAN_LENGTHS))
    while True:  # some countries carry a national account checksum inside the BBAN: retry until valid
        bban = "".join(str(rng.randint(0, 9)) for _ in range(_BBAN_LENGTHS[country]))
        number = country + iban.calc_check_digits(country + "00" + bban) + bban
        if iban.is_valid(number):
            break
    if rng.random() < 0.25:
        return number
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def fi_hetu(rng: random.Random) -> str:
    while True:
        born = _birth_date(rng)
        sign = rng.choice("-YXWVU") if born.year < 2000 else rng.choice("ABCDEF")
        head = f"{born:%d%m%y}{sign}{rng.randint(2, 899):03d}"
        for check in "0123456789ABCDEFHJKLMNPRSTUVWXY":
            if hetu.is_valid(head + check):
                return head + check


def _luhn_ymd(rng: random.Random, day_offset: int) -> tuple[datetime.date, str]:
    born = _birth_date(rng)
    body = f"{born:%y%m}{born.day + day_offset:02d}{rng.randint(0, 999):03d}"
    return born, body + luhn.calc_check_digit(body)


def _swedish_format(rng: random.Random, born: datetime.date, ten: str) -> str:
    style = rng.choice(["short", "short", "long", "long_plain", "short_plain"])
    century = str(born.year)[:2]
    return {
        "short": f"{ten[:6]}-{ten[6:]}",
        "long": f"{century}{ten[:6]}-{ten[6:]}",
        "long_plain": f"{century}{ten}",
        "short_plain": ten,
    }[style]


def se_personnummer(rng: random.Random) -> str:
    while True:
        born, ten = _luhn_ymd(rng, 0)
        value = _swedish_format(rng, born, ten)
        if personnummer.is_valid(value):
            return value


def se_samordningsnummer(rng: random.Random) -> str:
    born, ten = _luhn_ymd(rng, 60)
    return _swedish_format(rng, born, ten)


def no_fodselsnummer(rng: random.Random) -> str:
    while True:
        born = _birth_date(rng, 1930, 1999)
        nine = f"{born:%d%m%y}{rng.randint(0, 499):03d}"
        first = fodselsnummer.calc_check_digit1(nine)
        second = fodselsnummer.calc_check_digit2(nine + first)
        value = nine + first + second
        if len(value) == 11 and fodselsnummer.is_valid(value):
            return value if rng.random() < 0.5 else f"{value[:6]} {value[6:]}"


def dk_cpr(rng: random.Random) -> str:
    while True:
        born = _birth_date(rng, 1937, 1999)
        value = f"{born:%d%m%y}-{rng.randint(0, 3)}{rng.randint(0, 999):03d}"
        if cpr.is_valid(value):
            return value


def es_dni(rng: random.Random) -> str:
    digits = f"{rng.randint(1, 99_999_999):08d}"
    letter = dni.calc_check_digit(digits)
    return rng.choice(
        [
            f"{digits}{letter}",
            f"{digits}-{letter}",
            f"{digits} {letter}",
            f"{digits[:2]}.{digits[2:5]}.{digits[5:]}-{letter}",
        ]
    )


def es_nie(rng: random.Random) -> str:
    first, digits = rng.choice("XYZ"), f"{rng.randint(0, 9_999_999):07d}"
    letter = nie.calc_check_digit(first + digits)
    return rng.choice([f"{first}{digits}{letter}", f"{first}-{digits}-{letter}", f"{first}{digits}-{letter}"])


_FIRST = ["matti", "anna-karin", "jose", "maria", "lars", "sofia", "mikko", "ines", "oskar", "aino"]
_LAST = ["virtanen", "lund", "garcia", "korhonen", "nilsen", "hansen", "lopez", "berg", "maki", "fernandez"]
_DOMAINS = ["example.fi", "yritys.fi", "bolag.se", "firma.no", "virksomhed.dk", "correo.es", "mail.example.com"]


def email(rng: random.Random) -> str:
    local = rng.choice(
        [
            f"{rng.choice(_FIRST)}.{rng.choice(_LAST)}",
            f"{rng.choice(_FIRST)}{rng.randint(1, 99)}",
            f"{rng.choice(_FIRST)[0]}.{rng.choice(_LAST)}+crm",
        ]
    )
    return f"{local}@{rng.choice(_DOMAINS)}"


_PHONE_FORMATS = (pn.PhoneNumberFormat.INTERNATIONAL, pn.PhoneNumberFormat.NATIONAL, pn.PhoneNumberFormat.E164)


def phone(rng: random.Random, region: str) -> str:
    kind = rng.choice([pn.PhoneNumberType.MOBILE, pn.PhoneNumberType.MOBILE, pn.PhoneNumberType.FIXED_LINE])
    example = pn.format_number(pn.example_number_for_type(region, kind), pn.PhoneNumberFormat.E164)
    while True:  # keep the operator prefix of the example, randomise the subscriber digits
        candidate = example[:-5] + "".join(str(rng.randint(0, 9)) for _ in range(5))
        number = pn.parse(candidate, None)
        if pn.is_valid_number(number) and pn.region_code_for_number(number) == region:
            return pn.format_number(number, rng.choice(_PHONE_FORMATS))


GENERATORS = {
    "card": card,
    "iban": iban_number,
    "fi_hetu": fi_hetu,
    "se_personnummer": se_personnummer,
    "se_samordningsnummer": se_samordningsnummer,
    "no_fodselsnummer": no_fodselsnummer,
    "dk_cpr": dk_cpr,
    "es_dni": es_dni,
    "es_nie": es_nie,
    "email": email,
}
_LANG_REGION = {"en": "FI", "fi": "FI", "sv": "SE", "es": "ES"}


def identifier(rng: random.Random, kind: str, lang: str) -> str:
    if kind == "phone":
        # Mostly the rep's own country, sometimes any Nordic or Spanish number.
        region = _LANG_REGION[lang] if rng.random() < 0.5 else rng.choice(["FI", "SE", "NO", "DK", "ES"])
        return phone(rng, region)
    return GENERATORS[kind](rng)


def pii_records(rng: random.Random) -> list[dict]:
    records = []
    for lang in LANGS:
        for kind in [*GENERATORS, "phone"]:
            for i in range(PER_KIND_AND_LANG):
                value = identifier(rng, kind, lang)
                template = PII_TEMPLATES[lang][i % len(PII_TEMPLATES[lang])]
                filled = template.replace("{pii}", "\0").format(noun=NOUNS[lang][kind], **slot_values(rng, lang))
                head, tail = filled.split("\0")
                text = head + value + tail
                records.append(
                    {
                        "lang": lang,
                        "text": text,
                        "expected": [{"kind": kind, "start": len(head), "end": len(head) + len(value), "value": value}],
                    }
                )
    return records


def clean_records(rng: random.Random) -> list[dict]:
    records = []
    for lang in LANGS:
        for template in CLEAN_TEMPLATES[lang]:
            for _ in range(CLEAN_PER_TEMPLATE):
                records.append({"lang": lang, "text": template.format(**slot_values(rng, lang))})
    return records


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def build() -> dict[str, list[dict]]:
    rng = random.Random(SEED)
    return {"pii_corpus.jsonl": pii_records(rng), "clean_corpus.jsonl": clean_records(rng)}


def main() -> None:
    DATA.mkdir(exist_ok=True)
    for name, records in build().items():
        write_jsonl(DATA / name, records)
        print(f"{DATA / name}: {len(records)} texts")


if __name__ == "__main__":
    main()
