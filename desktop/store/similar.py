"""Duplicate hints from the local store: the insights most like a typed text, best first, offline.

How a hint is found (the stems index is migration 0006's `insight_stems`):
1. The typed text's content words (stop words dropped) are stemmed in all four languages.
2. Their document frequencies come from `insight_stems_vocab`, cached per stem (DocFrequencies).
3. The rarest words' stems (never those in more than COMMON_FRACTION of insights, and no more than
   MAX_POSTINGS matches in all) pick the CANDIDATES insights holding most of them, IDF-weighted.
   Common stems would only make that slow; they still count when the candidates are scored.
4. The typed text's vector (desktop/similar/vectors.py) adds the MEANING_CANDIDATES insights nearest in
   meaning (desktop/store/vectors.py), whatever their words.
5. Each candidate gets two scores, the stems overlap 0..1 (similarity/scoring.py) and its cosine above the
   text's baseline, combined by `combined`; below THRESHOLD it is not hinted.
6. Withdrawn insights are left out; one marked a duplicate is replaced by its original when the store
   has it, so an original and its duplicate never both show.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from desktop.domain import Hint
from desktop.similar import (
    MAX_QUERY_WORDS,
    analyze_insight,
    analyze_words,
    index_text,
    is_stop_word,
    overlap_score,
    text_words,
    word_stems,
)
from desktop.similar.lexicon import ENABLED as LEXICON_ENABLED, lexicon as lexicon_of
from desktop.store import insights
from desktop.store.models import InsightRow

log = logging.getLogger(__name__)

# Chosen on the tuning half of bench/data/hints (`python -m bench.hints_eval --tune`): the most targets in the
# top 3 while unrelated text gets a hint for at most 10% of queries (34.2%, 8.8%). The held-out half is
# reported by bench/bench_similar.py, never tuned on. MEANING_WEIGHT: how much the vectors count.
#
# The meaning layer is built and measured but OFF: the only model that fits the bundle's budget (the word table
# in resources/hints) adds nothing on the held-out half while it triples the hint latency and delays the first
# hint by a second (docs/communities.md). PALAUTE_HINTS_MEANING=1 turns it on for evaluation (it then needs
# numpy: the `hints-meaning` extra); off, hints are ranked by words alone at the threshold tuned for that.
# PALAUTE_HINTS_MEANING=encoder selects the cut sentence encoder instead (desktop/similar/encoder.py, built by
# `make hint-encoder`): better on the tune half, but over the latency and bundle budgets (docs/communities.md).
MEANING_MODEL = {"1": "words", "words": "words", "encoder": "encoder"}.get(
    os.environ.get("PALAUTE_HINTS_MEANING", ""), ""
)
MEANING_ENABLED = bool(MEANING_MODEL)
# (threshold, meaning weight) per model, each tuned on the tune half with that model. The encoder's: 53.9% of
# targets in the top 3, 44.4% cross-language, 8.8% of unrelated queries hinted (words alone: 34.2/3.2/8.8).
# "lexicon": words alone widened by the cross-language lexicon (desktop/similar/lexicon.py, on by default), tuned
# the same way: 42.0% / 36.5% / 8.8%. "encoder+lexicon": the encoder with the lexicon on (its default), tuned on
# the tune half with both unrelated sets pooled: 55.7% / 50.0% / 9.7% (before 2026-12-06 the encoder ran with the
# lexicon on but with "encoder"'s constants, tuned without it). "words" was tuned before the lexicon existed.
_TUNED = {
    "": (0.32, 0.25),
    "lexicon": (0.39, 0.25),
    "words": (0.35, 0.25),
    "encoder": (0.43, 0.85),
    "encoder+lexicon": (0.37, 0.40),
}


def _tuned_for(model: str, lexicon: bool) -> str:
    if model == "encoder" and lexicon:
        return "encoder+lexicon"
    return model or ("lexicon" if lexicon else "")


TUNED_FOR = _tuned_for(MEANING_MODEL, LEXICON_ENABLED)
THRESHOLD, MEANING_WEIGHT = _TUNED[TUNED_FOR]
BASELINE_WEIGHT = 1.0  # how much of the typed text's mean cosine with all insights is taken off its cosines
MEANING_CANDIDATES = 20  # nearest by meaning, re-scored with the stems candidates
MIN_WORDS = 2  # one content word says too little to call anything a duplicate
# Which typed words pick candidates: the rarest first, while their insights add up to MAX_POSTINGS; never
# a stem in more than COMMON_FRACTION of insights (it still counts in the score).
COMMON_FRACTION = 0.05
COMMON_MIN_DOCS = 500  # in a small store every stem is cheap: only a stem in most of it is too common
MAX_MATCH_WORDS = 8  # past that, more words slow the query and change nothing
MAX_POSTINGS = 5_000  # ~2 ms of summing at 100,000 insights
CANDIDATES = 20  # re-scored per query
RECHECK_NEW_INSIGHTS = 50  # after more new insights than this, every stem known to be absent is asked again
_VOCAB_CHUNK = 400  # bound parameters per vocabulary query (SQLite allows 999 on older builds)


def sql_stems(text: object) -> str:
    """palaute_stems(text), called by the index triggers inside every capture: never raises."""
    try:
        return index_text(text if isinstance(text, str) else None)
    except Exception:  # a failure here would fail the capture; a missing hint is the lesser harm
        log.exception("Could not stem an insight for the similarity index")
        return ""


def register_functions(connection: sqlite3.Connection) -> None:
    """Make palaute_stems available on a new connection (the triggers of migration 0006 call it)."""
    connection.create_function("palaute_stems", 1, sql_stems, deterministic=True)


class DocFrequencies:
    """How many insights hold each stem, read from the vocabulary table once and cached.

    Counting one stem's insights walks its whole list in the index (~1 ms for a stem in 20,000 insights),
    so it is done once per stem, not per keystroke. So is counting the insights (~2 ms at 100,000): the
    count is taken again when the highest insight id has moved by more than 1% of it, or after
    RECOUNT_SECONDS (deletions and edits leave the highest id alone). The cached frequencies are dropped
    when the count changed by more than 1%; smaller drift does not change a ranking.
    """

    RECOUNT_SECONDS = 60.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._df: dict[str, int] = {}
        self._absent: set[str] = set()  # stems no insight held when last asked
        self._weights: dict[frozenset[str], float] = {}  # a word's weight, by its stems (see weight)
        self._clock = clock
        self.total = 0
        self._highest = 0  # the highest insight id when last counted
        self._absent_upto = 0  # the highest insight id whose stems `_absent` has taken into account
        self._counted_at = -self.RECOUNT_SECONDS

    def refresh(self, session: Session, stems: Iterable[str]) -> None:
        """Make sure the total and the frequencies of `stems` are known (reads only what is missing)."""
        self._recount_if_moved(session)
        missing = [s for s in set(stems) if s not in self._df and s not in self._absent]
        for start in range(0, len(missing), _VOCAB_CHUNK):
            chunk = missing[start : start + _VOCAB_CHUNK]
            marks = ",".join("?" * len(chunk))
            found: dict[str, int] = dict(
                session.connection()
                .exec_driver_sql(f"SELECT term, doc FROM insight_stems_vocab WHERE term IN ({marks})", tuple(chunk))
                .all()
            )
            self._df.update(found)
            self._absent.update(s for s in chunk if s not in found)
        if missing:
            self._weights.clear()  # a weight may have been taken with one of these stems unknown

    def _recount_if_moved(self, session: Session) -> None:
        highest = session.execute(sql("SELECT coalesce(max(id), 0) FROM insight")).scalar_one()
        stale = self._clock() - self._counted_at > self.RECOUNT_SECONDS
        if highest != self._absent_upto or stale:
            self._forget_absent_since(session, highest, everything=stale)
            self._weights.clear()
        if abs(highest - self._highest) <= self.total // 100 and not stale:
            return
        total = session.execute(sql("SELECT count(*) FROM insight")).scalar_one()
        if abs(total - self.total) > self.total // 100:
            self._df.clear()
        self.total, self._highest, self._counted_at = total, highest, self._clock()

    def _forget_absent_since(self, session: Session, highest: int, everything: bool) -> None:
        """A new insight may hold a stem that was nowhere before (the rep's own last capture, typically): the
        stems of the few insights added since are no longer known to be absent. After many (a pull), or when
        stale, every absent stem is asked again. Asking them all after each capture cost a look-up ~8 ms at
        100,000 insights once the lexicon widened a text to hundreds of stems, most of them absent."""
        added = highest - self._absent_upto
        if everything or not 0 < added <= RECHECK_NEW_INSIGHTS:
            self._absent.clear()
        elif self._absent:
            texts = session.execute(sql("SELECT text FROM insight WHERE id > :seen"), {"seen": self._absent_upto})
            for text in texts.scalars():
                self._absent.difference_update(index_text(text).split())
        self._absent_upto = highest

    def df(self, stem: str) -> int:
        return self._df.get(stem, 0)

    def weight(self, stems: frozenset[str]) -> float:
        """IDF of a word's most common stem (its broadest sense); unknown words weigh the most."""
        weight = self._weights.get(stems)
        if weight is None:
            df = max((self.df(s) for s in stems), default=0)
            weight = self._weights[stems] = math.log(1 + (self.total - df + 0.5) / (df + 0.5))
        return weight


@dataclass(frozen=True)
class Candidate:
    """An insight that may be hinted, with the two scores its rank is made of (kept apart for the benchmark)."""

    row: Any
    words: float  # 0..1 stems overlap (similarity/scoring.py)
    meaning: float | None  # cosine of the two texts' vectors (desktop/similar/vectors.py); None without a model
    baseline: float = 0.0  # the typed text's mean cosine with every insight: what "unrelated" scores for it


def combined(candidate: Candidate) -> float:
    """One 0..1 score from both: what the ranking sorts by and THRESHOLD cuts (words alone without a model)."""
    if candidate.meaning is None:
        return candidate.words
    # Cosine above the text's baseline, rescaled so that the same text still scores 1.
    floor = min(BASELINE_WEIGHT * candidate.baseline, 0.9)
    meaning = (candidate.meaning - floor) / (1 - floor)
    return (1 - MEANING_WEIGHT) * candidate.words + MEANING_WEIGHT * max(meaning, 0.0)


def find(session: Session, typed: str, frequencies: DocFrequencies, limit: int = 3, index: Any = None) -> list[Hint]:
    """The insights most like `typed`, best first, at most `limit`; [] when nothing is close enough."""
    scored = [(combined(c), c.row) for c in candidates(session, typed, frequencies, index)]
    return _originals_first(session, [(score, row) for score, row in scored if score >= THRESHOLD], limit)


def candidates(session: Session, typed: str, frequencies: DocFrequencies, index: Any = None) -> list[Candidate]:
    """The insights sharing the typed text's rarer words or nearest to it in meaning, each with both scores."""
    words = _typed_words(typed)
    if len(words) < MIN_WORDS:
        return []
    frequencies.refresh(session, (s for w in words for s in word_stems(w)))
    if frequencies.total == 0:
        return []
    if not _ends_word(typed) and not any(frequencies.df(s) for s in word_stems(words[-1])):
        words = words[:-1]  # a word still being typed that no insight knows yet: judge without it
    if len(words) < MIN_WORDS:
        return []
    stems_of = _widened(words)
    frequencies.refresh(session, (s for w in words for s in stems_of(w)))
    ids = _candidates(session, words, frequencies, stems_of)
    query = index.embed(" ".join(words)) if index is not None else None
    near: dict[int, float] | None = None
    baseline = 0.0
    if query is not None:
        baseline = index.baseline(query)
        # The nearest by meaning join the candidates: one sharing a common word or two with the text (none of
        # the rare stems that pick the stems candidates) can still rank above the threshold with its meaning.
        near = index.nearest(query, MEANING_CANDIDATES)
    wanted = list(dict.fromkeys([*ids, *(near or ())]))
    if not wanted:
        return []
    rows = [r for r in session.execute(insights._SELECT.where(InsightRow.rowid.in_(wanted))) if not r.withdrawn]
    if near is not None:
        near = {**index.similarity(query, [r.rowid for r in rows if r.rowid not in near]), **near}
    return _scored(session, words, stems_of, rows, frequencies, near, baseline)


def _widened(words: list[str]) -> Callable[[str], frozenset[str]]:
    """Each typed word's stems and, from the lexicon, what it may also be written as in the other languages;
    its stems alone when there is no lexicon or it cannot be read (a hint in words alone beats none)."""
    lexicon = lexicon_of()
    if lexicon is None:
        return word_stems
    try:
        senses = lexicon.senses(words)
    except sqlite3.Error:
        log.warning("Could not read the hints' lexicon; hints use words alone", exc_info=True)
        return word_stems
    widened = {word: word_stems(word) | found for word, found in senses.items()}  # once, not per use
    return lambda word: widened.get(word) or word_stems(word)


def _typed_words(typed: str) -> list[str]:
    if not isinstance(typed, str):
        return []
    return [w for w in text_words(typed, MAX_QUERY_WORDS) if not is_stop_word(w)]


def _ends_word(typed: str) -> bool:
    return not typed[-1:].isalnum()


def _candidates(
    session: Session, words: list[str], frequencies: DocFrequencies, stems_of: Callable[[str], frozenset[str]]
) -> list[int]:
    """Ids of the insights sharing the most (IDF-weighted) of the typed words' rarer stems, best first.

    One FTS5 query per word (its stems OR-ed, quoted: no syntax to break), summed in SQL. Not BM25: over
    stems in thousands of insights, BM25 reads every match's stored text (the index keeps no positions)
    and took 15-60 ms; this takes a few, and the re-scoring ranks properly anyway.
    """
    groups = _match_groups(words, frequencies, stems_of)
    if not groups:
        return []
    union = " UNION ALL ".join(
        f"SELECT rowid, :w{i} AS w FROM insight_stems WHERE insight_stems MATCH :q{i}" for i in range(len(groups))
    )
    params: dict[str, object] = {"n": CANDIDATES}
    for i, (match, weight) in enumerate(groups):
        params[f"q{i}"], params[f"w{i}"] = match, weight
    return list(
        session.execute(
            sql(f"SELECT rowid FROM ({union}) GROUP BY rowid ORDER BY sum(w) DESC, rowid DESC LIMIT :n"), params
        ).scalars()
    )


def _match_groups(
    words: list[str], frequencies: DocFrequencies, stems_of: Callable[[str], frozenset[str]]
) -> list[tuple[str, float]]:
    """(FTS5 query, weight) of the rarest words, within MAX_POSTINGS matches in all; common stems left out."""
    common = max(COMMON_MIN_DOCS, int(frequencies.total * COMMON_FRACTION))
    groups = []
    for word in set(words):
        stems = sorted(s for s in stems_of(word) if 0 < frequencies.df(s) <= common)
        if stems:
            postings = sum(frequencies.df(s) for s in stems)
            query = " OR ".join('"' + s.replace('"', '""') + '"' for s in stems)
            groups.append((postings, query, frequencies.weight(stems_of(word))))
    groups.sort()
    chosen, total = [], 0
    for postings, query, weight in groups[:MAX_MATCH_WORDS]:
        if total + postings > MAX_POSTINGS:
            break
        chosen.append((query, weight))
        total += postings
    return chosen


def _scored(
    session: Session,
    words: list[str],
    stems_of: Callable[[str], frozenset[str]],
    rows: list[Any],
    frequencies: DocFrequencies,
    near: dict[int, float] | None,
    baseline: float,
) -> list[Candidate]:
    typed = analyze_words(words, stems_of)
    bodies = {row.rowid: analyze_insight(row.text) for row in rows}
    frequencies.refresh(session, (s for body in bodies.values() for s in body.stems))
    return [
        Candidate(
            row,
            overlap_score(typed, bodies[row.rowid], frequencies.weight).score,
            None if near is None else near.get(row.rowid, 0.0),
            baseline,
        )
        for row in rows
    ]


def _originals_first(session: Session, scored: list[tuple[float, Any]], limit: int) -> list[Hint]:
    """Replace duplicates by their originals (when stored and not withdrawn), one entry per insight."""
    wanted = {row.duplicate_of for _, row in scored if row.duplicate_of}
    originals = {}
    if wanted:
        originals = {
            r.uuid: r for r in session.execute(insights._SELECT.where(InsightRow.uuid.in_(wanted))) if not r.withdrawn
        }
    best: dict[str, tuple[float, Any, Any, Any]] = {}
    for score, row in scored:
        shown = originals.get(row.duplicate_of, row) if row.duplicate_of else row
        score = round(score, 3)
        if shown.uuid not in best or best[shown.uuid][0] < score:
            # Equal scores: the insight more customers are behind, then the newest, comes first.
            best[shown.uuid] = (score, shown.customers, shown.rowid, shown)
    ranked = sorted(best.values(), key=lambda entry: entry[:3], reverse=True)[:limit]
    return [Hint(insights.to_insight(row), score) for score, _, _, row in ranked]
