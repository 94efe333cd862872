"""The hint index by meaning: every insight's vector in `insight_vector` (migration 0009) and in memory.

Vectors are never computed inside a capture: the capture's transaction stays as it was. They are filled in
afterwards, in short write transactions of FILL_BATCH, by whoever asks for hints first:
- `prepare()` fills every missing vector (the app runs it off the UI thread when the capture window first
  opens; the command line before answering), so the window and `palaute similar` rank alike;
- each look-up fills the insights added since (a capture, a pull) before it searches: a few at a time;
- a text changed (an edit, a pulled edit) loses its row by trigger; `changed()` (an edit here) or the next
  `prepare()` (each time the capture window opens, in the background) finds such rows and fills them again.
In memory the vectors are one float32 matrix (rows in the order they were loaded, `seq`-ordered), searched
by one matrix-vector product: ~3 ms at 100,000 insights of 128 dimensions, no index structure to keep.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Engine

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

FILL_BATCH = 200  # vectors per write transaction: a capture waiting behind it waits a few milliseconds at most
RECENT_IDS = 100
VECTOR_DTYPE = "<f2"  # float16 on disk: half the bytes, no loss that changes a ranking


class HintModel(Protocol):
    """What makes a text's vector: the word table (desktop/similar/vectors.py) or the encoder (encoder.py)."""

    name: str  # stored with each vector: another model's vectors are computed again
    dim: int

    def embed(self, text: str) -> np.ndarray | None: ...


class VectorIndex:
    """The insights' vectors, filled off the commit path and searched in memory."""

    def __init__(self, engine: Engine, load_model: Callable[[], HintModel | None]) -> None:
        self._engine = engine
        self._load_model = load_model
        self._model: HintModel | None = None
        self._loaded_model = False
        self._lock = threading.RLock()  # the matrix: one loader or searcher at a time
        self._ids: Any = None  # int64 insight ids, one per matrix row
        self._matrix: Any = None  # float32 rows x dim (capacity grows by doubling)
        self._count = 0
        self._total: Any = None  # float64 sum of the rows, for `baseline`
        self._row_of: dict[int, int] = {}
        self._seq = 0  # highest insight_vector.seq loaded
        self._checked_id = -1  # every insight up to this id has been looked at by a fill
        self._dirty = False

    # -- the model ------------------------------------------------------------------------------------
    @property
    def model(self) -> HintModel | None:
        if not self._loaded_model:
            with self._lock:
                if not self._loaded_model:
                    self._model = self._load_model()
                    self._loaded_model = True
        return self._model

    def embed(self, text: str) -> np.ndarray | None:
        model = self.model
        return model.embed(text) if model is not None else None

    # -- filling --------------------------------------------------------------------------------------
    def prepare(self) -> None:
        """Compute every missing vector and load all of them: slow once after an upgrade; afterwards one pass
        over the insights (~1 s at 100,000) that finds texts changed by sync. Off the UI thread; look-ups go on
        meanwhile (only loading into memory takes the lock)."""
        if self.model is None:
            return
        self._fill(after=-1)
        self._dirty = False
        with self._lock:
            self._load_new()

    def changed(self) -> None:
        """An insight's text changed in this process: the next look-up looks for every missing vector."""
        self._dirty = True

    def refresh(self) -> None:
        """Before a look-up: vectors for insights added since the last one, and rows another process wrote."""
        if self.model is None:
            return
        if self._ids is None:
            with self._lock:
                if self._ids is None:
                    self._load_new()
                    # Vectors exist up to here; a store without any (just upgraded) is filled in full now.
                    self._checked_id = self._highest_with_vector()
        if self._dirty:
            self._dirty = False
            self._fill(after=-1)
        else:
            # The last few ids again: an insight removed at once (Undo) frees its id for the next capture.
            self._fill(after=self._checked_id - RECENT_IDS)
        with self._lock:
            self._load_new()

    def _highest_with_vector(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT coalesce(max(insight_id), -1) FROM insight_vector").scalar_one())

    def _fill(self, after: int) -> None:
        """Vectors for the insights after id `after` that have none (or one from another table)."""
        model = self.model
        assert model is not None
        query = (
            "SELECT insight.id, insight.text FROM insight LEFT JOIN insight_vector v "
            "ON v.insight_id = insight.id AND v.model = ? "
            "WHERE v.insight_id IS NULL AND insight.id > ? ORDER BY insight.id LIMIT ?"
        )
        with self._engine.connect() as conn:  # before filling: an insight added meanwhile waits for the next look
            highest = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM insight").scalar_one()
        start = after
        while True:
            with self._engine.connect() as conn:
                rows = conn.exec_driver_sql(query, (model.name, start, FILL_BATCH)).all()
            if rows:
                self._write([(ident, model.name, _to_blob(model.embed(body))) for ident, body in rows])
                start = rows[-1][0]
            if len(rows) < FILL_BATCH:
                break
        self._checked_id = max(self._checked_id, highest)

    def _write(self, rows: list[tuple[int, str, bytes | None]]) -> None:
        from desktop.store.database import WRITER_OPTION

        with self._engine.execution_options(**{WRITER_OPTION: True}).begin() as conn:
            # An insight deleted meanwhile must not get a row (its id might come back for another one).
            conn.exec_driver_sql(
                "INSERT OR REPLACE INTO insight_vector (insight_id, model, vector) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM insight WHERE id = ?)",
                [(ident, name, blob, ident) for ident, name, blob in rows],
            )

    # -- memory ---------------------------------------------------------------------------------------
    def _load_new(self) -> None:
        import numpy as np

        model = self.model
        assert model is not None
        with self._engine.connect() as conn:  # the plain cursor: 100,000 rows through the ORM's rows cost ~0.5 s
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            rows = cursor.execute(
                "SELECT insight_id, vector, seq FROM insight_vector WHERE seq > ? AND model = ? ORDER BY seq",
                (self._seq, model.name),
            ).fetchall()
        if self._ids is None:
            self._ids = np.zeros(max(1024, len(rows)), dtype=np.int64)
            self._matrix = np.zeros((len(self._ids), model.dim), dtype=np.float32)
            self._total = np.zeros(model.dim, dtype=np.float64)
        if not rows:
            return
        self._seq = rows[-1][2]
        blank = bytes(2 * model.dim)
        vectors = np.frombuffer(b"".join(blob or blank for _, blob, _ in rows), dtype=VECTOR_DTYPE)
        vectors = vectors.reshape(len(rows), model.dim).astype(np.float32)
        if self._count == 0:  # the first load: every row is new and each insight has one row (UNIQUE)
            count = len(rows)
            if count > len(self._ids):
                self._ids = np.zeros(count, dtype=np.int64)
                self._matrix = np.zeros((count, model.dim), dtype=np.float32)
            self._ids[:count] = [ident for ident, _, _ in rows]
            self._matrix[:count] = vectors
            self._row_of = {ident: n for n, (ident, _, _) in enumerate(rows)}
            self._count = count
        else:
            for n, (ident, _, _) in enumerate(rows):
                row = self._row_of.get(ident)
                if row is None:
                    row = self._append(ident)
                else:
                    self._total -= self._matrix[row]
                self._matrix[row] = vectors[n]
        self._total += vectors.sum(axis=0, dtype=np.float64)

    def _append(self, ident: int) -> int:
        import numpy as np

        if self._count == len(self._ids):
            grown = len(self._ids) * 2
            self._ids = np.resize(self._ids, grown)
            matrix = np.zeros((grown, self._matrix.shape[1]), dtype=np.float32)
            matrix[: self._count] = self._matrix[: self._count]
            self._matrix = matrix
        row = self._count
        self._ids[row] = ident
        self._row_of[ident] = row
        self._count += 1
        return row

    # -- searching ------------------------------------------------------------------------------------
    def nearest(self, query: np.ndarray, k: int) -> dict[int, float]:
        """The k insight ids whose vectors are most like `query`, with their cosine (the rows are unit vectors).
        One pass over every vector: ~5 ms at 100,000 insights on an idle laptop core, more on a busy one."""
        import numpy as np

        with self._lock:
            if self._ids is None or self._count == 0:
                return {}
            scores = self._matrix[: self._count] @ query
            k = min(k, self._count)
            top = np.argpartition(-scores, k - 1)[:k]
            return {int(self._ids[i]): float(scores[i]) for i in top}

    def baseline(self, query: np.ndarray) -> float:
        """The mean cosine of `query` with every insight's vector (from their running sum: no pass over them)."""
        with self._lock:
            if self._ids is None or self._count == 0:
                return 0.0
            return float(self._total @ query) / self._count

    def similarity(self, query: np.ndarray, ids: list[int]) -> dict[int, float]:
        """The cosine of `query` with each of these insights' vectors (0 for one without a vector)."""
        with self._lock:
            rows = [(ident, self._row_of.get(ident)) for ident in ids]
            return {ident: float(self._matrix[row] @ query) if row is not None else 0.0 for ident, row in rows}


def _to_blob(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else vector.astype(VECTOR_DTYPE).tobytes()
