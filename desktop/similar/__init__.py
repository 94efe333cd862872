"""Duplicate hints (issue 8): multilingual stems for the local index and the 0..1 similarity score. No Qt."""

from desktop.similar.scoring import Analyzed, Scored, analyze_insight, analyze_words, overlap_score
from desktop.similar.stems import MAX_QUERY_WORDS, index_text, is_stop_word, text_words, word_stems

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
