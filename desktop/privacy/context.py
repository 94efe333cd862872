"""Words around a number that say it is not personal data: "order #", "ref.", a currency after it."""

from __future__ import annotations

import re

from desktop.privacy.patterns import Lazy as _Lazy

# A keyword directly before the number (only "no.", "#", ":" and the like in between) names it as a
# business number. Prefixes, so "tilausnumero", "orders" and "referencia" all count. Four languages
# plus Norwegian and Danish, because reps paste from Nordic systems too.
_BUSINESS_WORDS = (
    r"order|ordre|orden|tilau|pedido|beställning|bestilling|invoice|lasku|factura|faktura|"
    r"ref|viite|referens|referencia|ticket|tiketti|ärende|sag|caso|case|tapaus|tracking|"
    r"seuranta|lähetys|shipment|envío|envio|serial|sarja|serie|sku|artikel|tuote|product|"
    r"producto|produkt|version|versio|versión|build|kuitti|receipt|recibo|kvitto|kvittering|"
    r"contrato|contract|sopimus|avtal|agreement|batch|erä|lote|parti|id|tarjous|offert|quote|presupuesto|"
    r"oferta|tilbud|kundnummer|kundnr|asiakasnumero|asiakasnro|imei|iccid|ean|gtin|upc"
)
_CONNECTORS = r"(?:\s*(?:no\.?|nr\.?|nro\.?|n[º°o]\.?|number|numero|número|nummer|nummeret|#|:|-))*\s*"
_BUSINESS_BEFORE = _Lazy(
    rf"(?:^|[^\w])(?:(?:{_BUSINESS_WORDS})\w*\.?{_CONNECTORS}"
    # "customer", "cliente" alone may precede a phone number; with "number"/"id" they name an account.
    rf"|(?:customer|client|cliente|asiakas|kund)\w*[\s-]*(?:no\.?|nr\.?|nro\.?|number|numero|número|nummer|id)\s*)"
    r"[#:]?\s*$",
    re.IGNORECASE,
)

# Words that name personal data win over a business word further back ("order 12, phone 040 ...").
_PERSONAL_WORDS = _Lazy(
    r"(?:^|[^\w])(?:tel|puh|phone|puhelin|mobile|mob|gsm|soita|call|ring|telefon|teléfono|telefono|"
    r"móvil|movil|card|kortti|kort|tarjeta|cpr|hetu|henkilötunnus|personnummer|fødselsnummer|"
    r"dni|nie)\w*\.?{connectors}[#:]?\s*$".replace("{connectors}", _CONNECTORS),
    re.IGNORECASE,
)

_CURRENCY_AFTER = _Lazy(
    r"\s?(?:€|\$|£|eur\b|euro|usd\b|sek\b|nok\b|dkk\b|kr\b|kr\.|kronor|kroner|e\b|%|‰|pcs\b|kpl\b|st\b|"
    r"uds\b|unidades|units|ms\b|mb\b|gb\b|kb\b)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = _Lazy(r"(?:€|\$|£|\beur|\busd|\bsek|\bnok|\bdkk|\bkr\.?)\s?$", re.IGNORECASE)

_WINDOW = 40


def named_as_business_number(text: str, start: int) -> bool:
    """True when the words just before text[start] call the number an order, reference, ticket... number."""
    before = text[max(0, start - _WINDOW) : start]
    return bool(_BUSINESS_BEFORE.search(before)) and not _PERSONAL_WORDS.search(before)


def is_amount(text: str, start: int, end: int) -> bool:
    """True when a currency, percent or unit sits right before or after text[start:end]."""
    return bool(_CURRENCY_AFTER.match(text, end) or _CURRENCY_BEFORE.search(text[max(0, start - 6) : start]))


def weak_number_is_not_pii(text: str, start: int, end: int) -> bool:
    """Context veto for numbers whose checksum alone is weak (Luhn, a date, a phone-number plan)."""
    return is_amount(text, start, end) or named_as_business_number(text, start)
