"""Privacy detector: import cost, first-call cost and find_pii/mask_pii latency on a 2,000-character note."""

from __future__ import annotations

import time

started = time.perf_counter()
import desktop.privacy as privacy  # noqa: E402  (timed on purpose)

IMPORT_MS = (time.perf_counter() - started) * 1000

from bench.figures import Figure, p50_p95, print_figures  # noqa: E402

# A rep's note as typed during a long call: five pieces of personal data among the numbers a note
# is usually full of (orders, amounts, dates, times, versions, references).
PARAGRAPHS = [
    "Asiakas soitti klo 14.05 tilauksesta #48213 (tilattu 12.3.2024, summa 1 299,00 €). ",
    "Hän antoi puhelinnumeronsa 040 123 4567 ja sähköpostin matti.virtanen@example.fi. ",
    "Versio 2.14.3 kaatuu, kun viedään yli 12 500 riviä; build 20240312.4 toimi vielä. ",
    "Customer says invoice INV-2024-1187 of €1,299.00 was charged twice on March 12, 2024. ",
    "Card on file 4111 1111 1111 1111, refund to FI21 1234 5600 0007 85 requested. ",
    "Kunden vill ha offert 77812 för 250 licenser à 49,90 kr, leverans 2024-04-01 kl. 09.15. ",
    "El cliente pide la factura 2024/118 de 3.450,00 € con vencimiento el 15/04/2024. ",
    "Henkilötunnus 131052-308T annettiin vahingossa, tiketti T-20931 avattu 45 % hitaammin. ",
    "Dashboard load went from 1.8 s to 4.2 s after 5.0.1; 3 of 12 reports time out at 10:30. ",
    "Viitenumero 12345 67890 12344, eräpäivä 30.4.2024, alennus 15 % vuoden 2025 sopimukseen. ",
]


def note(length: int = 2000) -> str:
    text = ""
    while len(text) < length:
        text += PARAGRAPHS[len(text) // 90 % len(PARAGRAPHS)] if text else PARAGRAPHS[0]
    return text[:length]


def timed_ms(function, argument, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        begin = time.perf_counter()
        function(argument)
        samples.append((time.perf_counter() - begin) * 1000)
    return samples


def main() -> None:
    text = note()
    begin = time.perf_counter()
    found = privacy.find_pii(text)
    first_ms = (time.perf_counter() - begin) * 1000
    timed_ms(privacy.find_pii, text, 50)  # let caches and branch predictors settle
    find_p50, find_p95 = p50_p95(timed_ms(privacy.find_pii, text, 2000))
    mask_p50, mask_p95 = p50_p95(timed_ms(privacy.mask_pii, text, 1000))
    print_figures(
        f"privacy detector ({len(text)}-character note, {len(found)} findings)",
        [
            Figure("import desktop.privacy", IMPORT_MS, "ms", "< 30 ms"),
            Figure("first find_pii call (loads stdnum + phonenumbers)", first_ms, "ms", ""),
            Figure("find_pii p50", find_p50, "ms", ""),
            Figure("find_pii p95", find_p95, "ms", "<= 2 ms"),
            Figure("mask_pii p50", mask_p50, "ms", ""),
            Figure("mask_pii p95", mask_p95, "ms", ""),
        ],
    )


if __name__ == "__main__":
    main()
