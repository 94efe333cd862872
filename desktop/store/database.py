"""Opening the local SQLite database: durable settings, a damaged file moved aside, migrations with a backup."""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from desktop.errors import StoreError, StoreLocked, StoreTooNew, StoreWriteFailed
from desktop.language import _
from desktop.store.similar import register_functions
from privacy.files import make_private, private_file

log = logging.getLogger(__name__)

# The newest schema this code knows, and every one it can upgrade from. Kept here so that opening an
# up-to-date store never imports Alembic (a test checks these match the migration scripts).
SCHEMA_HEAD = "0009"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
DEFAULT_BUSY_TIMEOUT_MS = 5_000
WRITER_OPTION = "palaute_writer"  # execution option that marks a connection as a writer
# Each pooled connection (the UI's, each sync loop's, a background call's) keeps its own page cache, 2 MiB by
# SQLite's default, for the whole day. 512 KiB still holds the indexes' upper pages that hints and search walk:
# at 20,000 insights and five connections SQLite held 5.5 MiB instead of 9.4, with hints and search as fast
# (the OS's page cache serves the rest; docs/architecture.md, "Memory and start-up budget").
PAGE_CACHE_KIB = 512


@dataclass
class OpenedDatabase:
    engine: Engine
    notices: list[str] = field(default_factory=list)


def open_database(db_path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> OpenedDatabase:
    """Open (creating or upgrading) the store at db_path; raise a StoreError the user can act on."""
    # Two processes opening a brand-new (or older) store would both create it and run the migrations: SQLite
    # answers the loser's deferred read-then-write with an immediate BUSY, not a wait. One opener at a time;
    # the next one then finds the schema current and goes straight through.
    with _opening_lock(db_path, busy_timeout_ms):
        return _open(db_path, busy_timeout_ms)


@contextmanager
def _opening_lock(db_path: Path, busy_timeout_ms: int) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(f"{db_path}.open-lock", timeout=max(busy_timeout_ms, 1_000) / 1000, mode=0o600)
    try:
        lock.acquire()
    except Timeout as exc:
        raise _locked(db_path) from exc
    except OSError:
        # A read-only folder takes no lock file; nobody can create or migrate a store there either.
        yield
        return
    try:
        yield
    finally:
        lock.release()


def _open(db_path: Path, busy_timeout_ms: int) -> OpenedDatabase:
    notices: list[str] = []
    private_file(db_path)  # before SQLite creates it: its WAL files take the database file's mode
    engine = _create_engine(db_path, busy_timeout_ms)
    try:
        revision = _read_revision(engine)
    except DBAPIError as exc:
        if not is_corruption(exc):
            engine.dispose()
            raise translate_error(exc, db_path) from exc
        engine.dispose()
        moved_to = move_aside(db_path)
        log.error("Database %s is damaged (%s); moved to %s", db_path, exc.orig, moved_to)
        notices.append(
            _(
                "Palaute could not read its database because the file is damaged. The old file was kept as "
                "{file} and a new, empty database was started. Your IT support may be able to recover it."
            ).format(file=moved_to)
        )
        private_file(db_path)
        engine = _create_engine(db_path, busy_timeout_ms)
        revision = _read_revision(engine)
    try:
        _upgrade_if_needed(engine, db_path, revision, notices)
    except DBAPIError as exc:
        engine.dispose()
        raise translate_error(exc, db_path) from exc
    return OpenedDatabase(engine, notices)


def _create_engine(db_path: Path, busy_timeout_ms: int) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Python's sqlite3 would open transactions behind our back; let SQLAlchemy issue BEGIN itself.
        dbapi_connection.isolation_level = None
        # Before anything else: the similarity index's triggers call it on every write of an insight's text,
        # migrations included (they run on this engine's connections).
        register_functions(dbapi_connection)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a capture the user saw as saved survives a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")  # negative: KiB, not pages
        # Deleted insights (retention, erasure) may hold customers' personal data: overwrite their pages
        # instead of leaving the bytes in free space until reused.
        cursor.execute("PRAGMA secure_delete = ON")
        if sys.platform == "darwin":
            # On macOS a plain fsync leaves data in the drive's cache; F_FULLFSYNC empties it.
            cursor.execute("PRAGMA fullfsync = ON")
            cursor.execute("PRAGMA checkpoint_fullfsync = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers BEGIN IMMEDIATE: they take the write lock up front and wait on busy_timeout, instead of
        # failing half-way with SQLITE_BUSY after reading. Readers stay deferred so they never block a
        # capture and still work on a read-only folder.
        immediate = connection.get_execution_options().get(WRITER_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _read_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).scalar()
        if not has_table:
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _upgrade_if_needed(engine: Engine, db_path: Path, revision: str | None, notices: list[str]) -> None:
    if revision == SCHEMA_HEAD:
        return
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StoreTooNew(
            _(
                "The database in {folder} was written by a newer version of Palaute "
                "(schema {revision}). Install the newer version again; this one will not touch the file."
            ).format(folder=db_path.parent, revision=revision)
        )
    if revision is not None:
        backup = backup_copy(engine, db_path, f"before-{SCHEMA_HEAD}")
        log.info("Upgrading store schema %s -> %s; copy kept at %s", revision, SCHEMA_HEAD, backup)
    run_migrations(engine)


def run_migrations(engine: Engine, target: str = "head") -> None:
    """Apply Alembic migrations up to target (imported here: only needed when the schema changes)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


def backup_copy(engine: Engine, db_path: Path, label: str) -> Path:
    """A consistent copy of the database through SQLite's backup API (safe with WAL and readers)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.name}.{label}-{stamp}.bak")
    raw = engine.raw_connection()
    private_file(target)
    dest = sqlite3.connect(target)
    try:
        raw.driver_connection.backup(dest)  # type: ignore[union-attr]
    finally:
        dest.close()
        raw.close()
    return target


def move_aside(db_path: Path) -> Path:
    """Rename a damaged database (and its WAL files) out of the way; never delete what may be recovered."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            source.rename(Path(f"{target}{suffix}"))
            make_private(Path(f"{target}{suffix}"))  # an older version may have left it readable by all
    return target


def is_corruption(exc: DBAPIError) -> bool:
    message = str(exc.orig).lower()
    return "not a database" in message or "malformed" in message or "file is encrypted" in message


def translate_error(exc: DBAPIError, db_path: Path) -> StoreError:
    """Map SQLite's failures to what the user can do about them."""
    message = str(exc.orig).lower()
    folder = db_path.parent
    if "database or disk is full" in message or "disk i/o error" in message:
        return StoreWriteFailed(
            _(
                "Palaute could not save because the disk is full (or failing) where it keeps its data ({folder}). "
                "Free some space and try again."
            ).format(folder=folder)
        )
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return StoreWriteFailed(
            _(
                "Palaute cannot write to its data folder ({folder}): it is read-only or you lack permission. "
                "Ask your IT support, or start Palaute with --data-dir pointing to a folder you can write."
            ).format(folder=folder)
        )
    if "locked" in message or "busy" in message:
        return _locked(db_path)
    if is_corruption(exc):
        return StoreError(
            _(
                "Palaute's database ({file}) is damaged. Restart Palaute: it will keep the damaged file and "
                "start a new one."
            ).format(file=db_path)
        )
    return StoreError(
        _("Palaute's database ({file}) could not be used: {reason}").format(file=db_path, reason=exc.orig)
    )


def _locked(db_path: Path) -> StoreLocked:
    return StoreLocked(
        _("Another program is using Palaute's database ({file}). Close it (or another Palaute) and try again.").format(
            file=db_path
        )
    )
