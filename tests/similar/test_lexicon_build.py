"""scripts/build_hint_lexicon.py on a tiny dictionary in dictd's format, as Debian's FreeDict packages ship it."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@pytest.fixture(scope="module")
def build():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_hint_lexicon", ROOT / "scripts" / "build_hint_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _number(value: int) -> str:
    digits = ""
    while True:
        digits = _BASE64[value % 64] + digits
        value //= 64
        if not value:
            return digits


def write_dictd(folder: Path, pair: str, entries: dict[str, str]) -> Path:
    """A dictd dictionary: entries (headword -> text after the headword line) and the index that finds them."""
    folder.mkdir(parents=True, exist_ok=True)
    data, index = b"00-database-info\nheader\n", ["00databaseinfo\tA\tX"]
    for head, text in entries.items():
        entry = f"{head} /pron/ <n>\n{text}\n".encode()
        index.append(f"{head}\t{_number(len(data))}\t{_number(len(entry))}")
        data += entry
    (folder / f"freedict-{pair}.dict.dz").write_bytes(gzip.compress(data))
    (folder / f"freedict-{pair}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    return folder


def test_entries_and_their_translations_skip_glosses_and_later_senses(build, tmp_path):
    folder = write_dictd(
        tmp_path,
        "fin-eng",
        {
            "salasana": "password\nvain käyttäjän tuntema merkkijono",
            "kortti": "1. card, playing card\nohut pala kartonkia\n2. map\nkartta\n3. menu\nruokalista",
            "kirjautua": "log in, sign on to the system",
        },
    )
    found = {head: build.translations(body) for head, body in build.entries(folder, "fin-eng")}
    assert found == {"salasana": ["password"], "kortti": ["card", "map"], "kirjautua": ["log"]}


def test_senses_reach_other_languages_within_the_hops_nearest_first(build, tmp_path):
    fin_eng = write_dictd(tmp_path / "a", "fin-eng", {"salasana": "password", "tunnus": "identifier, password"})
    swe_fin = write_dictd(tmp_path / "b", "swe-fin", {"lösenord": "salasana"})
    swe_spa = write_dictd(tmp_path / "c", "swe-spa", {"lösenord": "contraseña"})
    links = build.graph({"fin-eng": fin_eng, "swe-fin": swe_fin, "swe-spa": swe_spa})
    senses = build.senses(links, ("spa", "contrasen"))
    # Spanish -> Swedish (1 link) -> Finnish (2) -> English (3); no Spanish stem of its own, nothing 4 links away.
    assert senses[:1] == ["losenord"] and {"salas", "password"} <= set(senses)
    assert "identifi" not in senses  # password -> tunnus -> identifier is 5 links from contraseña
