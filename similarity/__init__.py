"""Text similarity shared by the desktop's duplicate hints and the server's "Similar insights" panel.

Pure Python (plus the Snowball stemmers): imports neither `desktop` nor `server`. `stems` turns words into
multilingual stems, `scoring` gives the 0..1 overlap score of two texts.
"""

from similarity.scoring import Analyzed, Scored, analyze_insight, analyze_words, overlap_score
from similarity.stems import MAX_QUERY_WORDS, index_text, is_stop_word, text_words, word_stems

# What counts as "similar", for every caller: measured on tests/similar (true near-duplicates scored
# 0.47-1.0, chance overlaps mostly below 0.4), and at least two content words to judge by.
THRESHOLD = 0.4
MIN_WORDS = 2

__all__ = [
    "MAX_QUERY_WORDS",
    "MIN_WORDS",
    "THRESHOLD",
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
