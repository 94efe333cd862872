"""What a typed word may also be written as in the other languages: "salasana" is also "password", "lösenord",
"contraseña". Stems alone never connect languages, and reps report the same problem in four of them.

The lexicon (resources/hints-lexicon/, built from Wiktionary's translations by scripts/build_hint_lexicon.py)
maps a word's Snowball stem in each language to stems of the words it translates to, in any of the four.
Only the typed side of a hint is widened with them: the stems index of the insights is left as it is, so a
capture does no more work and no index needs rebuilding, and a Finnish insight is still found from English
because the English word's senses hold the Finnish stem.

The table is a read-only SQLite file (~120,000 stems) queried per new word and memoised: nothing is loaded
into memory up front, so the first hint is not delayed and the app's memory grows only by what was looked up.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from similarity.stems import LANGUAGES, MAX_WORD_CHARS, language_stems

FILE_NAME = "lexicon.sqlite"
CODES = {"english": "eng", "finnish": "fin", "swedish": "swe", "spanish": "spa"}
_LANGUAGE_CODES = tuple(CODES[language] for language in LANGUAGES)  # in language_stems' order
_CHUNK = 400  # bound parameters per look-up (SQLite allows 999 on older builds)
_NOTHING: frozenset[str] = frozenset()
_MEMO_WORDS = 50_000  # words remembered; a day's typing uses a few thousand, pasted text can bring more
# A word none of whose stems is a key is looked up by its stems cut by up to SHORTER_BY characters, never to
# fewer than SHORTEST_KEY: inflections the stemmers leave longer than the dictionary form's stem
# ("vanhentui" against "vanhentua"). Tune half: 42.0% of targets and 36.5% cross-language at the 10% limit
# on unrelated text, against 40.6% and 31.7% without (5/3: 40.6%, 33.3%; 6/2: 41.7%, 34.1%).
SHORTEST_KEY = 4
SHORTER_BY = 4


class Lexicon:
    """`senses(words)`: each word's stems in the other languages."""

    def __init__(self, path: Path) -> None:
        # immutable: the file never changes while the app runs, so SQLite takes no locks and keeps no journal.
        self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        # Each word is read once (memoised), so SQLite's own cache would only hold pages already used: the
        # store's 512 KiB (desktop/store/database.py) rather than its 2 MiB default.
        self._db.execute("PRAGMA cache_size = -512")
        self._db.execute("SELECT count(*) FROM lexicon WHERE key = ''").fetchone()  # a bad file fails here, not later
        self._lock = threading.Lock()
        self._known: dict[str, frozenset[str]] = {}

    def senses(self, words: Iterable[str]) -> dict[str, frozenset[str]]:
        """Case-folded words -> the stems they may also be written as (empty for a word the lexicon lacks)."""
        words = list(dict.fromkeys(words))
        with self._lock:
            missing = [w for w in words if w not in self._known]
            if len(self._known) + len(missing) > _MEMO_WORDS:
                self._known.clear()
                missing = words
            if missing:
                self._look_up(missing)
            return {w: self._known[w] for w in words}

    def _look_up(self, words: list[str]) -> None:
        for word in words:
            self._known[word] = _NOTHING
        words = [w for w in words if len(w) <= MAX_WORD_CHARS and not w.isdigit()]  # ids, URLs, numbers
        found = self._senses_of(_keys(words, cut=False))
        found.update(self._senses_of(_keys([w for w in words if w not in found], cut=True)))
        for word, senses in found.items():
            self._known[word] = frozenset(senses)

    def _senses_of(self, keys: dict[str, list[str]]) -> dict[str, set[str]]:
        wanted = list(keys)
        found: dict[str, set[str]] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, senses in self._db.execute(f"SELECT key, senses FROM lexicon WHERE key IN ({marks})", chunk):
                for word in keys[key]:
                    found.setdefault(word, set()).update(senses.split())
        return found

    def close(self) -> None:
        self._db.close()


def key(code: str, stem: str) -> str:
    """A row's key in the lexicon file: a language's code (CODES) and a stem of that language."""
    return f"{code}:{stem}"


def _keys(words: list[str], cut: bool) -> dict[str, list[str]]:
    """Lexicon keys -> the words that have them: each language's stem as that language's key or, with `cut`,
    every shortening of it (SHORTER_BY). Each stem is tried under its own language only: trying every stem
    under every language would catch endings one stemmer misses ("lösenordet") but matched more by chance (on
    the tune half 33.0% of targets at the 10% limit on unrelated text, against 40.6%)."""
    keys: dict[str, list[str]] = {}
    for word in words:
        for code, stem in zip(_LANGUAGE_CODES, language_stems(word), strict=True):
            lengths = range(len(stem) - 1, max(SHORTEST_KEY, len(stem) - SHORTER_BY) - 1, -1) if cut else [len(stem)]
            for length in lengths:
                keys.setdefault(key(code, stem[:length]), []).append(word)
    return keys


def open_lexicon(folder: Path) -> Lexicon:
    """The lexicon in `folder`; OSError when it is missing or unreadable."""
    path = folder / FILE_NAME
    if not path.is_file():
        raise FileNotFoundError(path)
    try:
        return Lexicon(path)
    except sqlite3.Error as exc:
        raise OSError(f"{path}: {exc}") from exc
