"""Duplicate hints: the desktop's view of the shared `similarity` package, and its CLI output. No Qt."""

from similarity import (
    MAX_QUERY_WORDS,
    Analyzed,
    Scored,
    analyze_insight,
    analyze_words,
    index_text,
    is_stop_word,
    overlap_score,
    text_words,
    word_stems,
)

__all__ = [
    "MAX_QUERY_WORDS",
    "Analyzed",
    "Scored",
    "analyze_insight",
    "analyze_words",
    "index_text",
    "is_stop_word",
    "overlap_score",
    "text_words",
    "word_stems",
]
