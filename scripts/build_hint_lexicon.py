"""Build the duplicate hints' cross-language lexicon (resources/hints-lexicon/) from Debian's FreeDict packages.

    python scripts/build_hint_lexicon.py      # needs apt-get and dpkg-deb (Debian or Ubuntu); ~10 s

What it makes (docs/communities.md says why):
1. The dictionaries: the WikDict translations among English, Finnish, Swedish and Spanish that Debian packages
   (`dict-freedict-*` from the `freedict-wikdict` source, version PACKAGE_VERSION, all CC BY-SA 3.0; their
   SHA-256 are checked). Debian has no WikDict English-Spanish or English-Swedish pair; its older Ergane ones
   are GPL, which the app's data must not be, so English and Spanish meet through Swedish and Finnish.
2. A graph of stems: each headword and each of its translations in its first SENSES senses (single words
   only; a phrase's words alone would say something else) becomes its language's Snowball stem, folded as
   the stems index folds it (similarity/stems.py), and the two are linked.
3. For each stem, the stems within HOPS links of it in other languages, the nearest first, at most FAN_OUT
   per stem at each step and MAX_SENSES in all: what a typed word may also be found as. Two links join
   Swedish to English (through Finnish) and Spanish to Finnish (through Swedish); three, Spanish to English.
4. Files: lexicon.sqlite (table `lexicon(key, senses)`: key `language:stem`, senses space-separated stems;
   read-only at run time, similarity/lexicon.py), meta.json (the sources with their SHA-256, the parameters,
   the SHA-256 of the table's rows as text) and NOTICE (the attribution CC BY-SA asks for). The packages are
   kept in build/hint-lexicon/ so that a rebuild with other parameters downloads nothing.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from similarity import lexicon  # noqa: E402  (the file's name, languages and keys, as the app reads them)

OUT = REPO / "resources" / "hints-lexicon"
CACHE = REPO / "build" / "hint-lexicon"
PACKAGE_VERSION = "2022.12.07-2"
# (package pair, SHA-256 of the .deb as Debian 12 publishes it)
SOURCES = {
    "fin-eng": "7abc28d885e36b4e9e5d41c0a7f951fac33cca1d996602fa4a87a0c96934c6bf",
    "eng-fin": "037351c22b6f803358517d0293bab9619f6bef964e22cab68f63a174b5d22ebe",
    "fin-swe": "a99b97b54d5c33c36dc62fa5cd110a9b031b562fbe57a0eac95ce53255827435",
    "swe-fin": "54a5d53fe34fd577646fa6fbcff29e702fb939bc02ed9e481806337f8014f6a2",
    "swe-spa": "17de6bed1622f92cdec8359e6ef5b090e095501abdcae30519cb3551c79facf1",
}
CODES = {code: language for language, code in lexicon.CODES.items()}
SENSES = 2
HOPS = 3
FAN_OUT = 8
MAX_SENSES = 30
# Stems of the word's own language reached through another (customer -> asiakas -> client) are left out: they
# lifted the tune half (45.5% against 39.4% of targets) but hinted "Customer praised the friendly staff at the
# branch" for a note on a client's credit limit at the branch (tests/similar/test_accuracy.py).
SYNONYMS = False
NEAREST = False
_NUMBERED = re.compile(r"^(\d+)\.\s*(.*)$")
_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def fetch(pair: str, folder: Path) -> Path:
    """The pair's dictionary folder, from its Debian package (downloaded with apt-get, checked, unpacked)."""
    package = f"dict-freedict-{pair}"
    if not any(folder.glob(f"{package}_*.deb")):
        subprocess.run(["apt-get", "download", f"{package}={PACKAGE_VERSION}"], cwd=folder, check=True)
    deb = next(folder.glob(f"{package}_*.deb"))
    digest = hashlib.sha256(deb.read_bytes()).hexdigest()
    if digest != SOURCES[pair]:
        raise SystemExit(f"{deb.name}: SHA-256 {digest}, expected {SOURCES[pair]}")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(folder / pair)], check=True)
    return folder / pair / "usr" / "share" / "dictd"


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _BASE64.index(char)
    return value


def entries(dictd: Path, pair: str) -> Iterator[tuple[str, list[str]]]:
    """(headword, lines after the headword line) of each entry of a dictd dictionary."""
    data = gzip.open(dictd / f"freedict-{pair}.dict.dz").read()
    for line in (dictd / f"freedict-{pair}.index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        if head.startswith("00database"):
            continue
        start = _number(offset)
        body = data[start : start + _number(length)].decode("utf-8", "replace").split("\n")
        yield head.strip().casefold(), body[1:]


def translations(body: list[str]) -> list[str]:
    """The one-word translations of an entry's first SENSES senses (a phrase counts as its one content word).
    WikDict writes a sense as its translations (numbered "2. a, b" when there are several senses) followed by a
    gloss in the headword's own language, which is not a translation and is skipped."""
    from similarity.stems import is_stop_word

    found: list[str] = []
    for position, line in enumerate(body):
        line = line.strip()
        numbered = _NUMBERED.match(line)
        if numbered:
            if int(numbered.group(1)) > SENSES:
                break
            line = numbered.group(2)
        elif position > 0 or not line:
            continue
        for item in line.split(","):
            # A phrase counts as its one content word ("log in" -> "log"); one of several words says too little.
            content = [w for w in re.sub(r"\(.*?\)", "", item).casefold().split() if not is_stop_word(w)]
            if len(content) == 1 and content[0].isalpha() and content[0] not in found:
                found.append(content[0])
    return found


def graph(dictionaries: dict[str, Path]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Stems linked by a translation, each stem's links in the order the dictionaries give them."""
    import Stemmer

    from similarity.stems import fold, is_stop_word

    stemmers = {code: Stemmer.Stemmer(language) for code, language in CODES.items()}

    def node(code: str, word: str) -> tuple[str, str]:
        return code, fold(stemmers[code].stemWord(word))

    links: dict[tuple[str, str], list[tuple[str, str]]] = collections.defaultdict(list)
    for pair, dictd in dictionaries.items():
        source, target = pair.split("-")
        for head, body in entries(dictd, pair):
            if not head.isalpha() or is_stop_word(head):
                continue
            a = node(source, head)
            for word in translations(body):
                if is_stop_word(word):
                    continue
                b = node(target, word)
                if b not in links[a]:
                    links[a].append(b)
                if a not in links[b]:
                    links[b].append(a)
    return links


def senses(links: dict[tuple[str, str], list[tuple[str, str]]], start: tuple[str, str]) -> list[str]:
    """The stems of other languages within HOPS links of `start`, breadth first, capped (module docstring).
    With NEAREST, a language's stems are taken only at the first step that reaches it: Finnish meets English
    in one link, so the same English stems' translations found again three links away (Finnish -> Swedish ->
    Finnish -> English) are left out, while Spanish still meets English in three."""
    found: dict[str, None] = {}
    first: dict[str, int] = {}  # language code -> the step that first reached it
    seen = {start}
    frontier = [start]
    for step in range(HOPS):
        following = []
        for current in frontier:
            for linked in links.get(current, [])[:FAN_OUT]:
                if linked in seen:
                    continue
                seen.add(linked)
                following.append(linked)
                if linked[1] == start[1] or not (SYNONYMS or linked[0] != start[0]):
                    continue
                if NEAREST and first.setdefault(linked[0], step) != step:
                    continue
                found.setdefault(linked[1], None)
        frontier = following
    return list(found)[:MAX_SENSES]


def main() -> None:
    global SENSES, HOPS, FAN_OUT, MAX_SENSES, SYNONYMS, NEAREST
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--senses", type=int, default=SENSES)
    parser.add_argument("--hops", type=int, default=HOPS)
    parser.add_argument("--fan-out", type=int, default=FAN_OUT)
    parser.add_argument("--max-senses", type=int, default=MAX_SENSES)
    parser.add_argument("--synonyms", action="store_true", help="also same-language stems reached through another")
    parser.add_argument("--nearest", action="store_true", help="each language's stems only at its nearest step")
    args = parser.parse_args()
    SENSES, HOPS, FAN_OUT, MAX_SENSES = args.senses, args.hops, args.fan_out, args.max_senses
    SYNONYMS, NEAREST = args.synonyms, args.nearest
    CACHE.mkdir(parents=True, exist_ok=True)
    links = graph({pair: fetch(pair, CACHE) for pair in SOURCES})
    rows = [
        (lexicon.key(code, stem), " ".join(found))
        for code, stem in sorted(links)
        if (found := senses(links, (code, stem)))
    ]
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / lexicon.FILE_NAME
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE lexicon (key TEXT PRIMARY KEY, senses TEXT NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT INTO lexicon VALUES (?, ?)", rows)
    sqlite3.connect(path).execute("VACUUM").connection.close()
    text = "".join(f"{key}\t{found}\n" for key, found in rows)
    meta = {
        "sources": {f"dict-freedict-{pair}={PACKAGE_VERSION}": digest for pair, digest in SOURCES.items()},
        "licence": "CC BY-SA 3.0 (WikDict, from Wiktionary), see NOTICE",
        "parameters": {
            "senses": SENSES,
            "hops": HOPS,
            "fan_out": FAN_OUT,
            "max_senses": MAX_SENSES,
            "synonyms": SYNONYMS,
            "nearest": NEAREST,
        },
        "stems": len(rows),
        "rows_sha256": hashlib.sha256(text.encode()).hexdigest(),
    }
    (OUT / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"{len(rows):,} stems, {path.stat().st_size / 2**20:.1f} MiB -> {path}")


if __name__ == "__main__":
    main()
