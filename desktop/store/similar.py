"""Duplicate hints from the local store: the insights most like a typed text, best first, offline.

How a hint is found (the stems index is migration 0006's `insight_stems`):
1. The typed text's content words (stop words dropped) are stemmed in all four languages.
2. Their document frequencies come from `insight_stems_vocab`, cached per stem (DocFrequencies).
3. The rarest stems, without those in more than COMMON_FRACTION of insights, are OR-ed into one FTS5
   query; BM25 picks the CANDIDATES best insights. Common stems would only make that query slow.
4. Each candidate is re-scored 0..1 (desktop/similar/scoring.py); below THRESHOLD it is not hinted.
5. Withdrawn insights are left out; one marked a duplicate is replaced by its original when the store
   has it, so an original and its duplicate never both show.
"""

from __future__ import annotations

import logging
import math
import sqlite3
from collections.abc import Iterable

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
from desktop.store import insights
from desktop.store.models import InsightRow

log = logging.getLogger(__name__)

THRESHOLD = 0.35  # below this a candidate shares a word or two by chance (see tests/similar, bench)
MIN_WORDS = 2  # one content word says too little to call anything a duplicate
COMMON_FRACTION = 0.02  # a stem in more than 2% of insights does not pick candidates (it still scores)
COMMON_MIN_DOCS = 50  # ...once the store is big enough for "common" to mean something
MAX_MATCH_STEMS = 12  # rarest first: past a dozen, more stems slow the query and change nothing
CANDIDATES = 20  # re-scored per query
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

    Counting one stem's insights walks its whole list in the index, so it is done once per stem, not per
    keystroke. The cache is dropped when the store's size has changed by more than 1%: frequencies that
    far off would change which stems count as common; smaller drift does not change a ranking.
    """

    def __init__(self) -> None:
        self._df: dict[str, int] = {}
        self.total = 0

    def refresh(self, session: Session, stems: Iterable[str]) -> None:
        total = session.execute(sql("SELECT count(*) FROM insight")).scalar_one()
        if abs(total - self.total) > self.total // 100:
            self._df.clear()
        self.total = total
        missing = [s for s in set(stems) if s not in self._df]
        for start in range(0, len(missing), _VOCAB_CHUNK):
            chunk = missing[start:start + _VOCAB_CHUNK]
            marks = ",".join("?" * len(chunk))
            found = session.connection().exec_driver_sql(
                f"SELECT term, doc FROM insight_stems_vocab WHERE term IN ({marks})", tuple(chunk)).all()
            self._df.update(dict.fromkeys(chunk, 0))
            self._df.update({term: doc for term, doc in found})

    def df(self, stem: str) -> int:
        return self._df.get(stem, 0)

    def weight(self, stems: frozenset[str]) -> float:
        """IDF of a word's most common stem (its broadest sense); unknown words weigh the most."""
        df = max((self.df(s) for s in stems), default=0)
        return math.log(1 + (self.total - df + 0.5) / (df + 0.5))


def find(session: Session, typed: str, frequencies: DocFrequencies, limit: int = 3) -> list[Hint]:
    """The insights most like `typed`, best first, at most `limit`; [] when nothing is close enough."""
    words = _typed_words(typed)
    if len(words) < MIN_WORDS:
        return []
    frequencies.refresh(session, (s for w in words for s in word_stems(w)))
    if frequencies.total == 0:
        return []
    if not _ends_word(typed) and not any(frequencies.df(s) for s in word_stems(words[-1])):
        words = words[:-1]  # a word still being typed that no insight knows yet: judge without it
    match = _match_query(words, frequencies)
    if match is None or len(words) < MIN_WORDS:
        return []
    ids = session.execute(sql("SELECT rowid FROM insight_stems WHERE insight_stems MATCH :q "
                              "ORDER BY rank LIMIT :n"), {"q": match, "n": CANDIDATES}).scalars().all()
    rows = [r for r in session.execute(insights._SELECT.where(InsightRow.rowid.in_(ids))) if not r.withdrawn]
    return _best(session, words, rows, frequencies, limit)


def _typed_words(typed: str) -> list[str]:
    if not isinstance(typed, str):
        return []
    return [w for w in text_words(typed, MAX_QUERY_WORDS) if not is_stop_word(w)]


def _ends_word(typed: str) -> bool:
    return not typed[-1:].isalnum()


def _match_query(words: list[str], frequencies: DocFrequencies) -> str | None:
    """Known, not too common stems, rarest first, as an FTS5 OR query of quoted terms (no syntax to break)."""
    common = max(COMMON_MIN_DOCS, int(frequencies.total * COMMON_FRACTION))
    stems = {s for w in words for s in word_stems(w) if 0 < frequencies.df(s) <= common}
    rarest = sorted(stems, key=lambda s: (frequencies.df(s), s))[:MAX_MATCH_STEMS]
    if not rarest:
        return None
    return " OR ".join('"' + s.replace('"', '""') + '"' for s in rarest)


def _best(session: Session, words: list[str], rows: list, frequencies: DocFrequencies, limit: int) -> list[Hint]:
    typed = analyze_words(words)
    bodies = {row.rowid: analyze_insight(row.text) for row in rows}
    frequencies.refresh(session, (s for body in bodies.values() for s in body.stems))
    scored = []
    for row in rows:
        score = overlap_score(typed, bodies[row.rowid], frequencies.weight).score
        if score >= THRESHOLD:
            scored.append((score, row))
    return _originals_first(session, scored, limit)


def _originals_first(session: Session, scored: list, limit: int) -> list[Hint]:
    """Replace duplicates by their originals (when stored and not withdrawn), one entry per insight."""
    wanted = {row.duplicate_of for _, row in scored if row.duplicate_of}
    originals = {}
    if wanted:
        originals = {r.uuid: r for r in session.execute(insights._SELECT.where(InsightRow.uuid.in_(wanted)))
                     if not r.withdrawn}
    best: dict[str, Hint] = {}
    for score, row in scored:
        shown = originals.get(row.duplicate_of, row) if row.duplicate_of else row
        if shown.uuid not in best or best[shown.uuid].score < score:
            best[shown.uuid] = Hint(insights.to_insight(shown), round(score, 3))
    return sorted(best.values(), key=lambda h: (-h.score, h.insight.id))[:limit]
