"""The cut sentence encoder: its tokenizer, 4-bit weights, forward pass and place in the hint index."""

from __future__ import annotations

import pytest

from desktop.similar.encoder import Encoder, Tokenizer, unpack_q4
from desktop.store.vectors import VectorIndex
from tests.similar.data import insert
from tests.similar.tiny_encoder import HIDDEN, PIECES, pack_q4, reference_pooled, write_tiny_encoder

np = pytest.importorskip("numpy")


@pytest.fixture
def tiny(tmp_path):
    return Encoder(write_tiny_encoder(tmp_path / "encoder"))


def _tokenizer(scores: dict[str, float]) -> Tokenizer:
    pieces = ["<unk>", *scores]
    return Tokenizer(pieces, [-20.0, *scores.values()], {"\u00a0": " ", "\u0001": ""}, unknown=0)


def test_the_most_probable_segmentation_wins_and_unknown_characters_fall_back():
    tokenize = _tokenizer({"▁pass": -2.0, "word": -2.0, "▁password": -3.0, "▁": -5.0, "p": -6.0, "w": -6.0})
    assert tokenize("password") == [3]  # one piece (-3) beats two (-4)
    tokenize = _tokenizer({"▁pass": -1.0, "word": -1.0, "▁password": -3.0})
    assert tokenize("password") == [1, 2]  # two likelier pieces (-2) beat one (-3)
    assert tokenize("pass\u00a0\u0001 word")[-1] == 2  # normalised; runs of spaces are one
    assert tokenize("pass😀") == [1, 0]  # no piece covers the emoji: one unknown


def test_four_bit_blocks_unpack_as_packed():
    matrix = np.random.default_rng(1).normal(0, 1, (3, 64)).astype(np.float32)
    unpacked = unpack_q4(pack_q4(matrix), 3, 64)
    step = np.abs(matrix.reshape(-1, 32)).max(axis=1) / 7
    assert np.all(np.abs(unpacked - matrix).reshape(-1, 32) <= step[:, None] / 2 + 1e-3)


def test_the_forward_pass_equals_bert_written_out(tiny):
    ids = [tiny.bos, *tiny.tokenize("query: password card"), tiny.eos]
    got = tiny.pooled("password card")
    assert np.allclose(got, reference_pooled(tiny, ids), atol=1e-4)


def test_vectors_are_unit_length_without_the_removed_directions(tiny):
    vector = tiny.embed("kortti card declined")
    assert vector.shape == (tiny.dim,) == (32,)
    assert abs(float(np.linalg.norm(vector)) - 1) < 1e-5
    assert abs(float(vector[0])) < 1e-6  # the tiny model removes axis 0 (a "language direction")
    assert np.allclose(vector, tiny.embed("kortti card declined"))


@pytest.mark.parametrize(
    "text", ["", "   ", None, "😀😀😀", "Salasana vanheni — пароль 密码 password", "kortti " * 3000]
)
def test_odd_input_gives_a_vector_or_none_never_an_error(tiny, text):
    vector = tiny.embed(text)  # type: ignore[arg-type]
    assert (
        vector is None
        if not (isinstance(text, str) and text.strip())
        else abs(float(np.linalg.norm(vector)) - 1) < 1e-5
    )


def test_a_long_text_is_cut_to_its_start(tiny):
    assert np.allclose(tiny.embed("kortti " * 3000), tiny.embed("kortti " * 200))


def test_the_hint_index_takes_the_encoder_like_the_word_table(store, tiny):
    store._hints = VectorIndex(store.engine, lambda: tiny)
    insert(store.engine, {"aaaaaaaa-0000-4000-8000-000000000001": "password expired again"})
    store.similar("password expired yesterday")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT model FROM insight_vector").scalars().all() == ["tiny-encoder-1"]
    query = tiny.embed("password expired")
    assert list(store.hint_index().nearest(query, 1)) == [1]


def test_a_missing_model_folder_means_words_alone(tmp_path):
    from desktop.similar.encoder import model

    assert model(tmp_path / "nothing-here") is None


def test_the_pieces_table_is_what_the_tokenizer_reads(tiny):
    assert tiny.tokenize("query: kortti") == [PIECES.index(p) for p in ("▁query", ":", "▁kortti")]
    assert tiny.hidden == HIDDEN


@pytest.mark.parametrize(
    ("switch", "lexicon", "chosen"),
    [
        ("encoder", "1", "encoder+lexicon"),
        ("encoder", "0", "encoder"),
        ("1", "1", "words"),
        ("", "1", "lexicon"),
        ("", "0", ""),
    ],
)
def test_the_meaning_switch_selects_the_model_with_its_own_constants(switch, lexicon, chosen):
    import os
    import subprocess
    import sys

    code = "from desktop.store import similar as s; print(repr(s.TUNED_FOR), s.THRESHOLD, s.MEANING_WEIGHT)"
    env = {**os.environ, "PALAUTE_HINTS_MEANING": switch, "PALAUTE_HINTS_LEXICON": lexicon}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    from desktop.store.similar import _TUNED

    threshold, weight = _TUNED[chosen]
    assert out.split() == [repr(chosen), str(threshold), str(weight)]
