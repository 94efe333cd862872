"""Words around a number that say it is not personal data: "order #", "ref.", a currency after it."""

from __future__ import annotations

import re

from privacy.patterns import Lazy

# A word directly before the number (only "no.", "#", ":" and the like in between) that names it as a
# business number. Prefixes, so "tilausnumero", "orders" and "referencia" all count. Four languages plus
# Norwegian and Danish, because reps paste from Nordic systems too.
_BUSINESS_PREFIXES = tuple(
    "order ordre orden tilau pedido beställning bestilling invoice lasku factura faktura refer viite "
    "ticket tiketti ärende caso case tapaus tracking seuranta lähetys shipment "
    "envío envio serial sarja serie sku artikel tuote product producto produkt version versio versión "
    "build kuitti receipt recibo kvitto kvittering contrato contract sopimus avtal agreement batch eränum "
    "lote parti tarjous offert quote presupuesto oferta tilbud kundnummer kundnr asiakasnumero asiakasnro "
    "imei iccid ean gtin upc y-tunnus ytunnus orgnr org.nr cvr bankgiro plusgiro giro ocr".split()
)
# Short words that are business words only as themselves ("ref", but not "refund").
_BUSINESS_WORDS = frozenset({"ref", "sag", "erä", "po"})
# Alone they may precede a phone number ("asiakas 040 ..."); followed by "number"/"id" they name an account.
_ACCOUNT_HOLDERS = ("customer", "client", "cliente", "asiakas", "kund")
_CONNECTORS = frozenset("no nr nro n nº n° no. number numero número nummer nummeret num núm id".split())
_PUNCTUATION = "#:.,;()[]-–/º°"
_WINDOW = 40

_CURRENCY_AFTER = Lazy(
    r"\s?(?:€|\$|£|eur\b|euro|usd\b|sek\b|nok\b|dkk\b|kr\b|kr\.|kronor|kroner|e(?![\w-])|%|‰|pcs\b|kpl\b|st\b|"
    r"uds\b|unidades|units|ms\b|mb\b|gb\b|kb\b|:-|cents?\b|snt\b|sentti|öre\b|c[eé]ntimos?\b)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = Lazy(r"(?:€|\$|£|\beur|\busd|\bsek|\bnok|\bdkk|\bkr\.?)\s?$", re.IGNORECASE)


def named_as_business_number(text: str, start: int) -> bool:
    """True when the words just before text[start] call the number an order, reference, ticket... number.

    Token walk rather than one big regex: it runs for every candidate number, and this is ~10x faster.
    """
    connectors_seen = False
    for token in reversed(text[max(0, start - _WINDOW) : start].split()):
        word = token.strip(_PUNCTUATION).lower()
        if not word:
            continue
        if word in _CONNECTORS:
            connectors_seen = True
            continue
        if not word.replace("-", "").isalpha():
            return False  # another number or code in between: the keyword named that one
        if word.startswith(_BUSINESS_PREFIXES) or word in _BUSINESS_WORDS:
            # "Para facturación: número (…)" is a heading and a label, not "invoice no. …".
            return not (connectors_seen and token.rstrip(")").endswith(":"))
        return connectors_seen and word.startswith(_ACCOUNT_HOLDERS)
    return False


def is_amount(text: str, start: int, end: int) -> bool:
    """True when a currency, percent or unit sits right before or after text[start:end]."""
    return bool(_CURRENCY_AFTER.match(text, end) or _CURRENCY_BEFORE.search(text[max(0, start - 6) : start]))


def weak_number_is_not_pii(text: str, start: int, end: int) -> bool:
    """Context veto for numbers whose checksum alone is weak (Luhn, a date, a phone-number plan)."""
    return is_amount(text, start, end) or named_as_business_number(text, start)
