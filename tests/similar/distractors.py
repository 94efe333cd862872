"""Deterministic distractor insights: realistic notes in the four languages, built from shared pieces.

They reuse the fixture insights' vocabulary (invoice, card, laina, överföring, tarjeta...) on purpose: a
hint that survives among thousands of notes about the same products is one a rep can trust.
"""

from __future__ import annotations

import random

PIECES = {
    "en": (
        ["Customer", "The customer", "A business customer", "Caller", "An elderly customer", "The client"],
        [
            "cannot find",
            "complains about",
            "asks about",
            "is confused by",
            "wants to change",
            "cannot open",
            "reports an error with",
            "was charged twice for",
            "needs help with",
            "gets a timeout on",
        ],
        [
            "the invoice",
            "the card",
            "the loan application",
            "the savings goal",
            "the e-invoice agreement",
            "the account statement",
            "the payment",
            "the transfer",
            "the mortgage offer",
            "the insurance policy",
            "the login",
            "the notification settings",
            "the credit limit",
            "the direct debit",
            "the PIN code",
            "the QR payment",
            "the interest rate",
            "the fee",
            "the address",
            "the app",
        ],
        [
            "in the mobile app",
            "in the online bank",
            "after the latest update",
            "on Android",
            "at the branch",
            "during the weekend",
            "when travelling",
            "since last week",
            "on the website",
            "with BankID",
            "",
        ],
    ),
    "fi": (
        ["Asiakas", "Yritysasiakas", "Soittaja", "Iäkäs asiakas", "Asiakkaan puoliso"],
        [
            "ei löydä",
            "valittaa",
            "kysyy",
            "ei ymmärrä",
            "haluaa muuttaa",
            "ei saa avattua",
            "sai virheen:",
            "joutui maksamaan kahdesti:",
            "tarvitsee apua:",
            "ihmettelee",
        ],
        [
            "laskua",
            "korttia",
            "lainahakemusta",
            "säästötavoitetta",
            "e-laskusopimusta",
            "tiliotetta",
            "maksua",
            "tilisiirtoa",
            "asuntolainatarjousta",
            "vakuutusta",
            "kirjautumista",
            "ilmoitusasetuksia",
            "luottorajaa",
            "suoramaksua",
            "PIN-koodia",
            "korkoa",
            "palvelumaksua",
            "osoitetta",
            "sovellusta",
        ],
        [
            "mobiilisovelluksessa",
            "verkkopankissa",
            "päivityksen jälkeen",
            "Androidilla",
            "konttorissa",
            "viikonloppuna",
            "matkoilla",
            "viime viikosta asti",
            "verkkosivuilla",
            "pankkitunnuksilla",
            "",
        ],
    ),
    "sv": (
        ["Kunden", "En företagskund", "Den som ringde", "En äldre kund", "Kundens make"],
        [
            "hittar inte",
            "klagar på",
            "frågar om",
            "förstår inte",
            "vill ändra",
            "kan inte öppna",
            "får fel med",
            "debiterades två gånger för",
            "behöver hjälp med",
            "får timeout på",
        ],
        [
            "fakturan",
            "kortet",
            "låneansökan",
            "sparmålet",
            "e-fakturaavtalet",
            "kontoutdraget",
            "betalningen",
            "överföringen",
            "bolåneerbjudandet",
            "försäkringen",
            "inloggningen",
            "aviseringarna",
            "kreditgränsen",
            "autogirot",
            "PIN-koden",
            "räntan",
            "avgiften",
            "adressen",
            "appen",
        ],
        [
            "i mobilappen",
            "på internetbanken",
            "efter senaste uppdateringen",
            "på Android",
            "på kontoret",
            "under helgen",
            "på resa",
            "sedan förra veckan",
            "på webbplatsen",
            "med BankID",
            "",
        ],
    ),
    "es": (
        ["El cliente", "Una empresa cliente", "La persona que llamó", "Un cliente mayor", "La clienta"],
        [
            "no encuentra",
            "se queja de",
            "pregunta por",
            "no entiende",
            "quiere cambiar",
            "no puede abrir",
            "tiene un error con",
            "pagó dos veces",
            "necesita ayuda con",
            "recibe un tiempo de espera en",
        ],
        [
            "la factura",
            "la tarjeta",
            "la solicitud de préstamo",
            "el objetivo de ahorro",
            "el recibo domiciliado",
            "el extracto",
            "el pago",
            "la transferencia",
            "la oferta de hipoteca",
            "la póliza de seguro",
            "el acceso",
            "las notificaciones",
            "el límite de crédito",
            "el código PIN",
            "el tipo de interés",
            "la comisión",
            "la dirección",
            "la aplicación",
        ],
        [
            "en la aplicación móvil",
            "en la banca en línea",
            "tras la última actualización",
            "en Android",
            "en la oficina",
            "durante el fin de semana",
            "de viaje",
            "desde la semana pasada",
            "en la web",
            "",
        ],
    ),
}
EXTRA = ["again", "urgent", "second call", "uudelleen", "kiireellinen", "igen", "brådskande", "otra vez", "urgente"]


def distractors(n: int, seed: int = 8) -> list[str]:
    """n notes, a quarter in each language, the same for every run."""
    rng = random.Random(seed)
    languages = sorted(PIECES)
    notes = []
    for i in range(n):
        subjects, problems, objects, contexts = PIECES[languages[i % len(languages)]]
        words = [rng.choice(subjects), rng.choice(problems), rng.choice(objects), rng.choice(contexts)]
        if rng.random() < 0.4:  # a second complaint in the same note, as reps often write
            words += [rng.choice(problems), rng.choice(objects)]
        if rng.random() < 0.3:
            words.append(rng.choice(EXTRA))
        words.append(f"#{rng.randrange(10_000)}")  # a case number: real notes are rarely identical
        notes.append(" ".join(w for w in words if w))
    return notes
