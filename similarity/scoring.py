"""The 0..1 similarity of a typed text and an insight: IDF-weighted word overlap, seen from both sides.

A word of one text counts as found in the other when the two share a stem (see stems.py), or when a stem
of one and a stem of the other agree but for their last character or so (shared prefix of at least
FUZZY_MIN_CHARS, at most one character short of the shorter stem). That second rule catches what the
Finnish stemmer leaves apart: "osoitteenmuutos" / "osoitteenmuutoksessa", "jumittuu" / "jumittui".

Each side's coverage is the weight of its words found in the other over the weight of all its words, a
word weighing the IDF of its most common stem (its broadest sense: "maksu" for "maksut"). The score is the
mean of the two coverages: a typed text wholly inside an insight of twice its length scores about 0.75,
an insight sharing one rare word with a sentence well under 0.3. BM25 alone cannot give this: its numbers
depend on the store and have no level at which "not a duplicate" begins.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from similarity.stems import is_stop_word, text_words, word_stems

Stems = frozenset[str]
FUZZY_MIN_CHARS = 6
MAX_INSIGHT_WORDS = 200  # of a long insight, its start is what a duplicate would repeat


@dataclass(frozen=True)
class Analyzed:
    """A text's content words as stem sets, with what matching against it needs."""

    words: tuple[Stems, ...]
    stems: frozenset[str]
    prefixes: dict[str, int]  # every prefix of FUZZY_MIN_CHARS+ chars of a stem -> the shortest such stem

    def has(self, word: Stems) -> bool:
        """Is a word (given as its stems) found in this text, exactly or nearly?"""
        if not word.isdisjoint(self.stems):
            return True
        for stem in word:
            for k in range(len(stem), FUZZY_MIN_CHARS - 1, -1):
                shortest = self.prefixes.get(stem[:k])
                if shortest is not None and k >= min(len(stem), shortest) - 1:
                    return True
        return False


def analyze_words(words: list[str], stems_of: Callable[[str], Stems] = word_stems) -> Analyzed:
    """`stems_of`: a word's stems (the typed side of a hint adds the lexicon's other languages: lexicon.py)."""
    stems = tuple(stems_of(w) for w in words if not is_stop_word(w))
    every = frozenset().union(*stems) if stems else frozenset()
    prefixes: dict[str, int] = {}
    for stem in every:
        for k in range(FUZZY_MIN_CHARS, len(stem) + 1):
            prefix = stem[:k]
            if prefixes.get(prefix, 1_000) > len(stem):
                prefixes[prefix] = len(stem)
    return Analyzed(stems, every, prefixes)


@functools.lru_cache(maxsize=4_096)
def analyze_insight(text: str) -> Analyzed:
    """Memoised by text: while a rep types, the same candidates come back keystroke after keystroke."""
    return analyze_words(text_words(text, MAX_INSIGHT_WORDS))


@dataclass(frozen=True)
class Scored:
    """A candidate's score and the two coverages it was made of (kept for the benchmark and debugging)."""

    score: float
    typed_covered: float
    insight_covered: float


def overlap_score(typed: Analyzed, insight: Analyzed, weight: Callable[[Stems], float]) -> Scored:
    """Score an insight against the typed text."""
    typed_covered = _coverage(typed, insight, weight)
    insight_covered = _coverage(insight, typed, weight)
    return Scored((typed_covered + insight_covered) / 2, typed_covered, insight_covered)


def _coverage(side: Analyzed, other: Analyzed, weight: Callable[[Stems], float]) -> float:
    total = found = 0.0
    for stems in side.words:
        w = weight(stems)
        total += w
        if other.has(stems):
            found += w
    return found / total if total > 0 else 0.0
