"""A small word-vector table in the shipped format (desktop/similar/vectors.py), for tests of the plumbing."""

from __future__ import annotations

import json
from pathlib import Path

from similarity import word_stems
from similarity.stems import fold

# Three topics; words of one topic share a direction, in two languages, so "meaning" is known by construction.
TOPICS = {
    "password": ("password", "salasana", "login", "kirjautuminen", "expired", "vanheni"),
    "card": ("card", "kortti", "declined", "hylätty", "abroad", "ulkomailla"),
    "loan": ("loan", "laina", "interest", "korko", "statement", "ote"),
}


def write_tiny_model(folder: Path, name: str = "tiny-1") -> Path:
    import numpy as np

    folder.mkdir(parents=True, exist_ok=True)
    keys, rows = [], []
    for axis, words in enumerate(TOPICS.values()):
        for n, word in enumerate(words):
            vector = np.zeros(8)
            vector[axis] = 1.0
            vector[3 + n % 5] = 0.2  # a little of each word's own, so words are not all identical
            keys.append(word)
            rows.append(vector / np.linalg.norm(vector))
    table = np.array(rows)
    scales = np.abs(table).max(axis=1) / 127
    np.save(folder / "vectors.npy", np.round(table / scales[:, None]).astype(np.int8))
    np.save(folder / "scales.npy", scales.astype(np.float32))
    np.save(folder / "weights.npy", np.ones(len(keys), dtype=np.float16))
    rows_of = {k: i for i, k in enumerate(keys)}
    for i, word in enumerate(keys):  # as scripts/build_hint_model.py adds them
        rows_of.setdefault(fold(word), i)
        for stem in word_stems(word):
            rows_of.setdefault("#" + stem, i)
    (folder / "words.txt").write_text("".join(f"{k}\t{i}\n" for k, i in rows_of.items()), encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps({"name": name}), encoding="utf-8")
    return folder
