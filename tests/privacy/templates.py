"""Sentence templates and number slots for the privacy corpora, in English, Finnish, Swedish and Spanish."""

from __future__ import annotations

import random

from stdnum import iso11649, luhn
from stdnum.iso7064 import mod_97_10

# What a rep calls each identifier, so the running text reads naturally.
NOUNS = {
    "en": {
        "card": "card number",
        "iban": "account",
        "fi_hetu": "personal id",
        "se_personnummer": "personnummer",
        "se_samordningsnummer": "coordination number",
        "no_fodselsnummer": "birth number",
        "dk_cpr": "CPR number",
        "es_dni": "DNI",
        "es_nie": "NIE",
        "email": "e-mail",
        "phone": "number",
    },
    "fi": {
        "card": "kortin numeron",
        "iban": "tilinumeron",
        "fi_hetu": "henkilötunnuksen",
        "se_personnummer": "ruotsalaisen henkilönumeron",
        "se_samordningsnummer": "samordningsnumret",
        "no_fodselsnummer": "norjalaisen henkilönumeron",
        "dk_cpr": "CPR-numeron",
        "es_dni": "DNI-numeron",
        "es_nie": "NIE-numeron",
        "email": "sähköpostin",
        "phone": "numeron",
    },
    "sv": {
        "card": "kortnummer",
        "iban": "kontonummer",
        "fi_hetu": "finska personbeteckning",
        "se_personnummer": "personnummer",
        "se_samordningsnummer": "samordningsnummer",
        "no_fodselsnummer": "fødselsnummer",
        "dk_cpr": "CPR-nummer",
        "es_dni": "DNI",
        "es_nie": "NIE",
        "email": "mejl",
        "phone": "nummer",
    },
    "es": {
        "card": "número de tarjeta",
        "iban": "cuenta",
        "fi_hetu": "identificación finlandesa",
        "se_personnummer": "personnummer",
        "se_samordningsnummer": "samordningsnummer",
        "no_fodselsnummer": "número noruego",
        "dk_cpr": "número CPR",
        "es_dni": "DNI",
        "es_nie": "NIE",
        "email": "correo",
        "phone": "número",
    },
}

PII_TEMPLATES = {
    "en": [
        "Customer read out the {noun} {pii} while asking about order {order}.",
        "Called back on {date} at {time}; the {noun} on file is {pii}. Wants a refund of {amount}.",
        "{pii} is the {noun} she gave. Upgrade to {version} did not fix it.",
        "Note for the billing team: {noun} ({pii}), invoice {order} of {amount} still open.",
        "He said his {noun} was {pii}, the issue started after version {version}.",
        "Escalated ticket {ticket}. Caller's {noun}: {pii}. Follow up by {date}.",
    ],
    "fi": [
        "Asiakas luki {noun} {pii} ja kysyi tilauksesta {order}.",
        "Soitin takaisin {date} {time}, asiakas antoi {noun} {pii}. Hyvitys {amount}.",
        "Asiakas antoi {noun} puhelussa: {pii}. Versio {version} ei korjannut vikaa.",
        "Laskutukselle: sain {noun} {pii}, lasku {order} ({amount}) on yhä auki.",
        "Hän kertoi {noun} {pii}, ongelma alkoi versiosta {version}.",
        "Tiketti {ticket} eskaloitu. Soittaja antoi {noun} {pii}, palataan asiaan {date}.",
    ],
    "sv": [
        "Kunden läste upp sitt {noun} {pii} och frågade om order {order}.",
        "Ringde tillbaka {date} {time}, kundens {noun} är {pii}. Vill ha {amount} tillbaka.",
        "{pii} är det {noun} hon gav. Version {version} löste inte felet.",
        "Till fakturering: {noun} ({pii}), faktura {order} på {amount} är obetald.",
        "Han sa att hans {noun} var {pii}, felet började efter version {version}.",
        "Ärende {ticket} eskalerat. Uppringarens {noun}: {pii}. Återkoppla senast {date}.",
    ],
    "es": [
        "El cliente leyó su {noun} {pii} y preguntó por el pedido {order}.",
        "Le devolví la llamada el {date} {time}; su {noun} es {pii}. Pide un reembolso de {amount}.",
        "{pii} es el {noun} que dio. La versión {version} no lo arregló.",
        "Para facturación: {noun} ({pii}), la factura {order} de {amount} sigue pendiente.",
        "Dijo que su {noun} era {pii}, el fallo empezó tras la versión {version}.",
        "Caso {ticket} escalado. {noun} del cliente: {pii}. Seguimiento antes del {date}.",
    ],
}

CLEAN_TEMPLATES = {
    "en": [
        "Customer asked why order {order} from {date} was charged {amount} instead of {amount2}.",
        "Since version {version} the export takes {duration}; it used to take {duration2}.",
        "Invoice {order} of {amount} was paid on {date} but still shows as open.",
        "Ticket {ticket}: the dashboard loads {pct} slower after the {date} release.",
        "They have {count} users and want volume pricing below {amount} per seat.",
        "Meeting moved to {date} at {time}. Agenda: renewal at {amount} for {year}.",
        "Reference {ref} did not match the payment of {amount} made on {date}.",
        "Build {build} crashes when importing more than {count} rows.",
        "Customer wants the {year} price list; discount was {pct} last year.",
        "Order {order} shipped {date}, tracking says delivered at {time}.",
        "Between {time} and {time2} on {date} the sync failed for {count} records.",
        "Please credit {amount} to invoice {order}; the customer was billed twice on {date}.",
        "Upgrade from {version} to {version2} fixed the rounding of {amount}.",
        "Quote {order} for {qty} licences at {amount} each, valid until {date}.",
        "Support case {ticket} reopened {date}; CPU usage at {pct} since version {version}.",
        "The report for Q{quarter} {year} shows {count} sessions, up {pct}.",
        "They pay {amount} a month and would go to {amount2} for the API add-on.",
        "Order {order}: {qty} items, total {amount}, delivery {date} {time}.",
        "Customer number {order} asked about invoice reference {ref} ({amount}).",
        "Roadmap request: bulk edit, {count} customers asked since {date}.",
        "Device with IMEI {imei} keeps dropping the VPN at {ip}.",
        "Parcel {tracking} arrived {date}; product EAN {ean} was missing.",
        "They process {bigcount} transactions a year and grew {pct} since {year}.",
        "Error 0x{hexcode} after {duration}; server {ip} answered in {ms} ms.",
        "Stock of item {ean} is {qty}, reorder point {qty2}; next delivery {date}.",
    ],
    "fi": [
        "Asiakas kysyi, miksi tilaus {order} ({date}) laskutettiin {amount} eikä {amount2}.",
        "Versiosta {version} lähtien vienti kestää {duration}, ennen {duration2}.",
        "Lasku {order} ({amount}) maksettiin {date}, mutta näkyy yhä avoimena.",
        "Tiketti {ticket}: kojelauta latautuu {pct} hitaammin {date} julkaisun jälkeen.",
        "Heillä on {count} käyttäjää ja he haluavat hinnan alle {amount} per lisenssi.",
        "Palaveri siirtyi {date} {time}. Aiheena uusinta {amount} vuodelle {year}.",
        "Viitenumero {ref} ei täsmännyt {date} maksettuun summaan {amount}.",
        "Build {build} kaatuu, kun tuodaan yli {count} riviä.",
        "Asiakas haluaa vuoden {year} hinnaston, alennus oli viime vuonna {pct}.",
        "Tilaus {order} lähti {date}, seurannan mukaan toimitettu {time}.",
        "{date} välillä {time}–{time2} synkronointi epäonnistui {count} tietueelle.",
        "Hyvittäkää {amount} laskulle {order}, asiakasta laskutettiin kahdesti {date}.",
        "Päivitys versiosta {version} versioon {version2} korjasi summan {amount} pyöristyksen.",
        "Tarjous {order}: {qty} lisenssiä à {amount}, voimassa {date} asti.",
        "Tukipyyntö {ticket} avattiin uudelleen {date}; suoritinkuorma {pct} versiosta {version} lähtien.",
        "Raportti Q{quarter}/{year}: {count} istuntoa, kasvua {pct}.",
        "He maksavat {amount} kuussa ja maksaisivat {amount2} API-lisäosasta.",
        "Tilaus {order}: {qty} tuotetta, yhteensä {amount}, toimitus {date} {time}.",
        "Asiakasnumero {order} kysyi laskun viitteestä {ref} ({amount}).",
        "Kehitystoive: massamuokkaus, {count} asiakasta pyytänyt {date} jälkeen.",
        "Laite IMEI {imei} katkaisee VPN-yhteyden osoitteeseen {ip}.",
        "Paketti {tracking} saapui {date}; tuote EAN {ean} puuttui.",
        "He käsittelevät {bigcount} tapahtumaa vuodessa, kasvua {pct} vuodesta {year}.",
        "Virhe 0x{hexcode} {duration} jälkeen; palvelin {ip} vastasi {ms} ms:ssa.",
        "Tuotteen {ean} saldo on {qty}, tilauspiste {qty2}; seuraava toimitus {date}.",
    ],
    "sv": [
        "Kunden undrade varför order {order} ({date}) debiterades {amount} i stället för {amount2}.",
        "Sedan version {version} tar exporten {duration}, förut {duration2}.",
        "Faktura {order} på {amount} betalades {date} men visas fortfarande som obetald.",
        "Ärende {ticket}: instrumentpanelen laddar {pct} långsammare efter släppet {date}.",
        "De har {count} användare och vill ha volympris under {amount} per licens.",
        "Mötet flyttat till {date} {time}. Agenda: förnyelse för {amount} år {year}.",
        "OCR-referensen {ref} stämde inte med betalningen på {amount} den {date}.",
        "Bygge {build} kraschar vid import av fler än {count} rader.",
        "Kunden vill ha prislistan för {year}, rabatten var {pct} i fjol.",
        "Order {order} skickades {date}, spårningen säger levererad {time}.",
        "Mellan {time} och {time2} den {date} misslyckades synken för {count} poster.",
        "Kreditera {amount} på faktura {order}, kunden fakturerades två gånger {date}.",
        "Uppgraderingen från {version} till {version2} rättade avrundningen av {amount}.",
        "Offert {order}: {qty} licenser à {amount}, giltig till {date}.",
        "Supportärende {ticket} återöppnat {date}; CPU på {pct} sedan version {version}.",
        "Rapporten för Q{quarter} {year} visar {count} sessioner, upp {pct}.",
        "De betalar {amount} i månaden och skulle betala {amount2} för API-tillägget.",
        "Order {order}: {qty} artiklar, totalt {amount}, leverans {date} {time}.",
        "Kundnummer {order} frågade om fakturareferens {ref} ({amount}).",
        "Önskemål: massredigering, {count} kunder har frågat sedan {date}.",
        "Enheten med IMEI {imei} tappar VPN mot {ip} hela tiden.",
        "Paketet {tracking} kom {date}; artikel EAN {ean} saknades.",
        "De hanterar {bigcount} transaktioner per år och har växt {pct} sedan {year}.",
        "Fel 0x{hexcode} efter {duration}; servern {ip} svarade på {ms} ms.",
        "Lagersaldo för {ean} är {qty}, beställningspunkt {qty2}; nästa leverans {date}.",
    ],
    "es": [
        "El cliente preguntó por qué el pedido {order} del {date} se cobró {amount} y no {amount2}.",
        "Desde la versión {version} la exportación tarda {duration}; antes {duration2}.",
        "La factura {order} de {amount} se pagó el {date} pero sigue abierta.",
        "Caso {ticket}: el panel carga un {pct} más lento desde la versión del {date}.",
        "Tienen {count} usuarios y quieren un precio por debajo de {amount} por licencia.",
        "Reunión movida al {date} {time}. Tema: renovación por {amount} para {year}.",
        "La referencia {ref} no coincide con el pago de {amount} del {date}.",
        "La compilación {build} falla al importar más de {count} filas.",
        "El cliente quiere la tarifa de {year}; el descuento fue del {pct} el año pasado.",
        "El pedido {order} salió el {date}; el seguimiento dice entregado {time}.",
        "Entre las {time2} y las {time3} del {date} falló la sincronización de {count} registros.",
        "Abonen {amount} en la factura {order}; se cobró dos veces el {date}.",
        "Actualizar de {version} a {version2} arregló el redondeo de {amount}.",
        "Presupuesto {order}: {qty} licencias a {amount} cada una, válido hasta el {date}.",
        "Incidencia {ticket} reabierta el {date}; CPU al {pct} desde la versión {version}.",
        "El informe del T{quarter} de {year} muestra {count} sesiones, un {pct} más.",
        "Pagan {amount} al mes y pagarían {amount2} por el complemento de API.",
        "Pedido {order}: {qty} artículos, total {amount}, entrega el {date} {time}.",
        "El cliente número {order} preguntó por la referencia {ref} ({amount}).",
        "Petición: edición masiva, {count} clientes lo han pedido desde el {date}.",
        "El dispositivo con IMEI {imei} pierde la VPN con {ip}.",
        "El paquete {tracking} llegó el {date}; faltaba el producto EAN {ean}.",
        "Procesan {bigcount} transacciones al año y crecieron un {pct} desde {year}.",
        "Error 0x{hexcode} tras {duration}; el servidor {ip} respondió en {ms} ms.",
        "Existencias del artículo {ean}: {qty}, punto de pedido {qty2}; próxima entrega el {date}.",
    ],
}

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "sv": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}


def _date(rng: random.Random, lang: str) -> str:
    y, m, d = rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28)
    styles = {
        "en": [
            f"{_MONTHS['en'][m - 1]} {d}, {y}",
            f"{d:02d}/{m:02d}/{y}",
            f"{y}-{m:02d}-{d:02d}",
            f"{d} {_MONTHS['en'][m - 1][:3]}",
        ],
        "fi": [f"{d}.{m}.{y}", f"{d}.{m}.", f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}"],
        "sv": [f"{y}-{m:02d}-{d:02d}", f"{d} {_MONTHS['sv'][m - 1]} {y}", f"{d}/{m}", f"{y}{m:02d}{d:02d}"],
        "es": [
            f"{d:02d}/{m:02d}/{y}",
            f"{d} de {_MONTHS['es'][m - 1]} de {y}",
            f"{d:02d}-{m:02d}-{y}",
            f"{d}/{m}/{y % 100:02d}",
        ],
    }
    return rng.choice(styles[lang])


def _thousands(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


def _amount(rng: random.Random, lang: str) -> str:
    whole, cents = (
        rng.choice([rng.randint(1, 99), rng.randint(100, 9999), rng.randint(10_000, 2_000_000)]),
        rng.randint(0, 99),
    )
    styles = {
        "en": [
            f"€{_thousands(whole, ',')}.{cents:02d}",
            f"${_thousands(whole, ',')}",
            f"{_thousands(whole, ',')} EUR",
            f"£{_thousands(whole, ',')}.{cents:02d}",
        ],
        "fi": [
            f"{_thousands(whole, ' ')},{cents:02d} €",
            f"{_thousands(whole, ' ')} euroa",
            f"{whole} e",
            f"{_thousands(whole, ' ')} €",
        ],
        "sv": [
            f"{_thousands(whole, ' ')} kr",
            f"{_thousands(whole, ' ')} SEK",
            f"{_thousands(whole, ' ')},{cents:02d} kr",
            f"{whole}:-",
        ],
        "es": [
            f"{_thousands(whole, '.')},{cents:02d} €",
            f"{_thousands(whole, '.')} euros",
            f"{whole} €",
            f"{_thousands(whole, '.')},{cents:02d} EUR",
        ],
    }
    return rng.choice(styles[lang])


def _time(rng: random.Random, lang: str) -> str:
    h, m = rng.randint(7, 20), rng.choice([0, 5, 15, 30, 45])
    styles = {
        "en": [f"{h}:{m:02d}", f"{h % 12 or 12}:{m:02d} pm", f"{h:02d}:{m:02d}"],
        "fi": [f"klo {h}.{m:02d}", f"{h}:{m:02d}", f"kello {h}"],
        "sv": [f"kl. {h}.{m:02d}", f"{h:02d}:{m:02d}", f"kl {h}"],
        "es": [f"a las {h}:{m:02d}", f"{h}:{m:02d}h", f"{h:02d}.{m:02d}"],
    }
    return rng.choice(styles[lang])


def _order(rng: random.Random) -> str:
    return rng.choice(
        [
            f"#{rng.randint(1000, 999_999)}",
            f"ORD-{rng.randint(2019, 2026)}-{rng.randint(1, 999_999):06d}",
            str(rng.randint(10_000_000, 99_999_999)),
            f"PO-{rng.randint(100, 99_999)}",
            str(rng.randint(10_000, 9_999_999)),
            f"{rng.randint(100_000, 999_999)}-{rng.randint(1, 9999):04d}",
        ]
    )


def _ref(rng: random.Random) -> str:
    digits = str(rng.randint(10**5, 10**15))
    if rng.random() < 0.5:  # a Finnish-style reference in groups of five
        return " ".join(digits[i : i + 5] for i in range(0, len(digits), 5))
    body = str(rng.randint(10**6, 10**14))
    return iso11649.format("RF" + mod_97_10.calc_check_digits(body + "RF") + body)


def _version(rng: random.Random) -> str:
    a, b, c = rng.randint(1, 12), rng.randint(0, 30), rng.randint(0, 20)
    return rng.choice([f"{a}.{b}.{c}", f"v{a}.{b}", f"{a}.{b}", f"{a}.{b}.{c}-beta.{rng.randint(1, 5)}"])


def _ean(rng: random.Random) -> str:
    body = f"{rng.choice(['40', '64', '73', '70', '57', '84'])}{rng.randint(0, 10**10 - 1):010d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str(-total % 10)


def _imei(rng: random.Random) -> str:
    # IMEIs carry a Luhn digit, so they are the hardest look-alike of a card number.
    body = f"{rng.choice(['35', '86', '49', '01'])}{rng.randint(0, 10**12 - 1):012d}"
    return body + luhn.calc_check_digit(body)


def slot_values(rng: random.Random, lang: str) -> dict[str, str]:
    """One random value for every slot a template may use."""
    return {
        "order": _order(rng),
        "amount": _amount(rng, lang),
        "amount2": _amount(rng, lang),
        "date": _date(rng, lang),
        "time": _time(rng, lang),
        "time2": _time(rng, lang),
        "time3": f"{rng.randint(7, 20)}:{rng.choice(['00', '30'])}",
        "version": _version(rng),
        "version2": _version(rng),
        "pct": rng.choice(
            [f"{rng.randint(1, 99)} %", f"{rng.randint(1, 99)}%", f"{rng.randint(1, 99)},{rng.randint(1, 9)} %"]
        ),
        "count": rng.choice(
            [str(rng.randint(10, 999)), _thousands(rng.randint(1000, 2_000_000), " " if lang != "en" else ",")]
        ),
        "ticket": rng.choice(
            [f"INC{rng.randint(1, 9_999_999):07d}", f"T-{rng.randint(1000, 99_999)}", f"#{rng.randint(100, 99_999)}"]
        ),
        "ref": _ref(rng),
        "year": str(rng.randint(2019, 2027)),
        "quarter": str(rng.randint(1, 4)),
        "build": rng.choice(
            [
                f"{rng.randint(2019, 2026)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}.{rng.randint(1, 9)}",
                str(rng.randint(1000, 99_999)),
                f"{rng.randint(2019, 2026)}.{rng.randint(1, 12)}.{rng.randint(1, 999)}",
            ]
        ),
        "imei": _imei(rng),
        "ean": _ean(rng),
        "ip": f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        "tracking": rng.choice(
            [
                f"JJFI{rng.randint(10**15, 10**16 - 1)}",
                f"1Z{rng.randint(10**15, 10**16 - 1)}",
                f"{rng.randint(10**9, 10**10 - 1)}",
            ]
        ),
        "bigcount": rng.choice(
            [str(rng.randint(10**6, 10**9)), _thousands(rng.randint(10**6, 10**9), " " if lang != "en" else ",")]
        ),
        "hexcode": f"{rng.randint(0, 2**32 - 1):08X}",
        "ms": str(rng.randint(20, 5000)),
        "qty2": str(rng.randint(2, 500)),
        "qty": str(rng.randint(2, 5000)),
        "duration": f"{rng.randint(2, 59)} min",
        "duration2": rng.choice([f"{rng.randint(5, 90)} s", f"{rng.randint(1, 9)} h"]),
    }
