"""Sentence vectors for duplicate hints: a static multilingual word-vector table, read from the app's own files.

The table (resources/hints/, made by scripts/build_hint_model.py from multilingual-e5-small) gives each word
of English, Finnish, Swedish and Spanish a vector in one space, with the directions that tell the languages
apart removed, so "salasana vanheni" and "the password expired" land close. A text's vector is the weighted
sum of its words' vectors, normalised; a word missing from the table is looked up by its folded form, then
by its Snowball stems. Nothing is downloaded: the files ship with the app, and the vectors are mapped from
disk (numpy mmap), so only the rows a text uses are read. Loaded on first use, never at start.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from similarity import is_stop_word, text_words, word_stems
from similarity.stems import fold

if TYPE_CHECKING:
    import numpy as np

from desktop.similar.loading import LoadedOnce

MODEL_DIR = "hints"
MAX_TEXT_WORDS = 200  # a long text's start says what it is about; more words only cost time
STEM_PREFIX = "#"


class WordVectors:
    """The table: key -> row, int8 vectors with a scale per row, and a weight per row (rare words weigh more)."""

    def __init__(self, folder: Path) -> None:
        import numpy as np

        self.folder = folder
        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.name = str(self.meta["name"])
        self._vectors = np.load(folder / "vectors.npy", mmap_mode="r")
        self._scales = np.load(folder / "scales.npy", mmap_mode="r")
        self._weights = np.load(folder / "weights.npy", mmap_mode="r")
        self.dim = int(self._vectors.shape[1])
        self._rows: dict[str, int] = {}
        with open(folder / "words.txt", encoding="utf-8") as keys:
            for line in keys:
                key, _, row = line.rstrip("\n").partition("\t")
                self._rows[key] = int(row)

    def row(self, word: str) -> int | None:
        """The row of a case-folded word: itself, its folded form (typed without diacritics), or a stem's."""
        row = self._rows.get(word)
        if row is None:
            row = self._rows.get(fold(word))
        if row is None:
            for stem in sorted(word_stems(word), key=len, reverse=True):  # the longest stem says the most
                row = self._rows.get(STEM_PREFIX + stem)
                if row is not None:
                    break
        return row

    def embed(self, text: str) -> np.ndarray | None:
        """The text's unit vector (float32), or None when none of its words is known."""
        import numpy as np

        if not isinstance(text, str):
            return None
        rows = [
            r for w in text_words(text, MAX_TEXT_WORDS) if not is_stop_word(w) for r in [self.row(w)] if r is not None
        ]
        if not rows:
            return None
        picked = np.asarray(rows)
        weights = self._scales[picked] * self._weights[picked].astype(np.float32)
        total = weights @ self._vectors[picked].astype(np.float32)
        norm = float(np.linalg.norm(total))
        if not np.isfinite(norm) or norm == 0.0:
            return None
        vector: np.ndarray = (total / norm).astype(np.float32)
        return vector


model = LoadedOnce(WordVectors, MODEL_DIR, "word vectors")
