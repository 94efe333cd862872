"""Words to stems in English, Finnish, Swedish and Spanish at once, since a note's language is not known.

Each word is stemmed by all four Snowball stemmers and every distinct result is kept, so "maksut",
"maksun" and "maksu" meet at "maksu" and "payments" meets "payment" whatever language the rep typed in.
A stemmer meant for another language mostly leaves a word alone or trims it harmlessly; the few
collisions it causes are weighed down by the IDF of the score. Stems are folded (lower case, diacritics
removed) exactly like FTS5's `unicode61 remove_diacritics 2`, so Python and the index compare the same
strings; diacritics are removed only after stemming because the stemmers need them ("päivä", "página").
"""

from __future__ import annotations

import functools
import re
import unicodedata

import Stemmer

from similarity.stopwords import STOP_WORDS

LANGUAGES = ("english", "finnish", "swedish", "spanish")
MAX_WORD_CHARS = 40  # longer "words" are pasted ids or URLs: kept whole, never stemmed
MAX_INDEX_WORDS = 2_000  # a 20,000-character insight has ~3,000 words; the hint needs its start, not all
MAX_QUERY_WORDS = 64  # what a typed text contributes to a query; beyond it the query only gets slower

# Letters and digits only: "_" is a separator for FTS5's unicode61 tokenizer, so it must be one here too.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMERS = tuple(Stemmer.Stemmer(language) for language in LANGUAGES)


def text_words(text: str, limit: int = MAX_QUERY_WORDS) -> list[str]:
    """The distinct words of a text in order of first appearance, case-folded, at most `limit` of them."""
    if not text.isascii():
        # Composed form first: text pasted from macOS is often decomposed ("a" + combining accent), and a
        # combining mark is not a word character, so "página" would otherwise split into "pa" and "gina".
        text = unicodedata.normalize("NFC", text)
    seen: dict[str, None] = {}
    for match in _WORD.finditer(text):
        seen.setdefault(match.group().casefold(), None)
        if len(seen) >= limit:
            break
    return list(seen)


def fold(word: str) -> str:
    """Lower case without diacritics, as unicode61 with remove_diacritics 2 indexes it."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@functools.lru_cache(maxsize=200_000)
def word_stems(word: str) -> frozenset[str]:
    """Every distinct folded stem of a case-folded word (memoised: notes reuse a small vocabulary)."""
    if len(word) > MAX_WORD_CHARS or word.isdigit():
        return frozenset((fold(word),))
    return frozenset(language_stems(word))


def language_stems(word: str) -> tuple[str, ...]:
    """A case-folded word's folded stem in each of LANGUAGES, in that order."""
    return tuple(fold(stemmer.stemWord(word)) for stemmer in _STEMMERS)


def is_stop_word(word: str) -> bool:
    """A word that says nothing about the topic ("the", "ja", "och", "que") or is too short to."""
    return len(word) < 2 or word in STOP_WORDS


def index_text(text: str | None) -> str:
    """What the stems index holds for an insight: its distinct content stems, space-separated.

    Registered as the SQL function palaute_stems, which the index triggers call inside every capture: it
    must never raise (a failure would lose the capture), so anything odd yields an empty entry instead.
    """
    if not isinstance(text, str):
        return ""
    stems: dict[str, None] = {}
    for word in text_words(text, MAX_INDEX_WORDS):
        if not is_stop_word(word):
            stems.update(dict.fromkeys(sorted(word_stems(word))))  # sorted: the same text, the same entry
    return " ".join(stems)
