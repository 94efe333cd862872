"""Fixtures for the server tests: one fresh database per test (SQLite file or PostgreSQL schema), a copy of one
migrated once per run."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import uuid
import warnings
from dataclasses import dataclass, field

import pytest
from sqlalchemy import create_engine, delete, make_url, text
from starlette.exceptions import StarletteDeprecationWarning

from desktop.sync.proof import DeviceKey
from privacy.files import private_dir, private_file
from server.app import create_app
from server.config import Settings
from server.db import Database
from server.migrate import upgrade
from server.models import Meta
from server.seed import seed
from server.services import accounts

with warnings.catch_warnings():
    # starlette suggests httpx2 over httpx; the client behaves the same for these tests.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

PG_URL = os.environ.get("PALAUTE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = [pytest.param("sqlite", id="sqlite"), pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)]
PASSWORD = "correct horse battery staple"


def _pg_reachable() -> str | None:
    try:
        engine = create_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as error:
        return f"{type(error).__name__}: {error}"


@pytest.fixture(scope="session")
def pg_available() -> None:
    problem = _pg_reachable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_URL} is unreachable in CI: {problem}")
        pytest.skip(f"PostgreSQL at {PG_URL} is unreachable: {problem}")


@pytest.fixture
def pg_schema_url(request):
    """A fresh, empty schema for this test; the URL puts it first on the search path."""
    request.getfixturevalue("pg_available")
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str | None:
    """None means the SQLite default in the test's data folder."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("pg_schema_url")


def test_settings(tmp_path, database_url, **overrides) -> Settings:
    values = dict(
        data_dir=tmp_path / "server",
        database_url=database_url,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        push_per_minute=100_000,
        pull_per_minute=100_000,
        api_per_minute=100_000,
        login_per_minute=1_000,
        feed_watch_interval=0.02,
        webhook_delivery="thread",  # an in-process app: no `serve` to start a delivery process
    )
    values.update(overrides)
    return Settings(**values)


test_settings.__test__ = False  # a helper, not a test


@pytest.fixture
def settings_overrides() -> dict:
    """Override in a test module to change settings (e.g. short token lifetimes)."""
    return {}


class MigratedTemplates:
    """One database migrated per test run, copied into each test's own database: a copy costs milliseconds
    (SQLite: the file; PostgreSQL: the schema's dump replayed), a full migration a good part of a second.
    The templates hold no instance id: each test's database seeds its own, so cursors never match between
    tests. Migrations themselves run from scratch in the templates, in the migration tests and in every
    served process (tests/support/server_process.py)."""

    def __init__(self, folder) -> None:
        self._folder = folder
        self._sqlite = None
        self._pg_dump: tuple[str, str] | None = None  # (template schema name, its dump)
        self._pg_failed = False

    def fill(self, settings: Settings) -> bool:
        """Put the migrated template into the settings' (empty) database; False when it could not."""
        if settings.database_url is None:
            self._fill_sqlite(settings.data_dir / "palaute-server.sqlite3")
            return True
        return self._fill_pg(settings.database_url)

    def _fill_sqlite(self, path) -> None:
        if self._sqlite is None:
            template = self._folder / "template.sqlite3"
            db = Database(f"sqlite:///{template}")
            _migrate_without_instance(db)
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file
            db.dispose()
            self._sqlite = template
        private_dir(path.parent)
        shutil.copyfile(self._sqlite, path)
        private_file(path)

    def _fill_pg(self, url: str) -> bool:
        if self._pg_dump is None and not self._pg_failed:
            self._pg_dump = _pg_template_dump()
            self._pg_failed = self._pg_dump is None
        if self._pg_dump is None:
            return False
        template, dump = self._pg_dump
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            raw = engine.raw_connection()
            try:
                raw.cursor().execute(dump.replace(template, _schema_of(url)))
                raw.commit()
            finally:
                raw.close()
        finally:
            engine.dispose()
        return True

    def drop(self) -> None:
        if self._pg_dump is not None:
            _drop_schema(self._pg_dump[0])


def _migrate_without_instance(db: Database) -> None:
    upgrade(db)
    with db.write() as session:
        session.execute(delete(Meta).where(Meta.key == "instance"))


def _schema_of(url: str) -> str:
    return make_url(url).query["options"].removeprefix("-csearch_path=")


def _drop_schema(schema: str) -> None:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    admin.dispose()


def _pg_template_dump() -> tuple[str, str] | None:
    """A schema migrated once, and its dump (tables, indexes, seeded rows) as statements for any schema name;
    None without a pg_dump that can read the server (each test then migrates its own schema)."""
    template = "palaute_template_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {template}"))
    admin.dispose()
    db = Database(f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{template}")
    _migrate_without_instance(db)
    db.dispose()
    where = make_url(PG_URL)
    args = ["pg_dump", "--schema", template, "--no-owner", "--no-privileges", "--inserts"]
    args += ["-h", where.host or "127.0.0.1", "-p", str(where.port or 5432), "-d", where.database or "postgres"]
    args += ["-U", where.username] if where.username else []
    env = {**os.environ, **({"PGPASSWORD": where.password} if where.password else {})}
    try:
        dumped = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        _drop_schema(template)
        return None
    # The test's schema exists already; psql's own commands (\restrict) are not SQL.
    lines = [line for line in dumped.splitlines() if not line.startswith(("\\", "CREATE SCHEMA "))]
    return template, "\n".join(lines)


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory):
    templates = MigratedTemplates(tmp_path_factory.mktemp("migrated"))
    yield templates
    templates.drop()


@pytest.fixture
def app(tmp_path, database_url, settings_overrides, migrated_templates):
    settings = test_settings(tmp_path, database_url, **settings_overrides)
    if not migrated_templates.fill(settings):
        return create_app(settings)
    app = create_app(settings, migrate=False)
    with app.state.db.write() as session:
        seed(session)  # this database's own instance id
    return app


@pytest.fixture
def client(app):
    with TestClient(app) as test_client:
        yield test_client


@dataclass
class Account:
    name: str
    role: str
    tokens: dict = field(default_factory=dict)
    key: DeviceKey | None = None  # set for a DPoP sign-in (as the desktop makes)

    @property
    def headers(self) -> dict[str, str]:
        """For a bearer sign-in (the default here): every request may reuse these headers."""
        assert self.key is None, "a DPoP account needs a proof per request: use proved()"
        return {"Authorization": f"Bearer {self.tokens['access_token']}"}

    def proved(self, method: str, path: str) -> dict[str, str]:
        """Headers of one request by a DPoP account: the token and a fresh proof for this method and path."""
        token = self.tokens["access_token"]
        return {
            "Authorization": f"DPoP {token}",
            "DPoP": self.key.proof(method, f"http://testserver{path}", access_token=token),
        }


class Api:
    """Small helpers over the test client: make users, sign in, push and pull."""

    def __init__(self, app, client) -> None:
        self.app, self.client, self.db = app, client, app.state.db

    def user(self, name: str, role: str = "rep", *, communities=(), product_areas=()) -> Account:
        with self.db.write() as session:
            accounts.create_user(
                session, name, role, PASSWORD, communities=list(communities), product_areas=list(product_areas)
            )
        return self.login(name)

    def login(self, name: str, device: str = "test", *, key: DeviceKey | None = None) -> Account:
        """Sign in; with `key` as the desktop does (DPoP-bound tokens), otherwise a bearer access token."""
        headers = {"DPoP": key.proof("POST", "http://testserver/api/v1/auth/login")} if key else {}
        answer = self.client.post(
            "/api/v1/auth/login",
            json={"username": name, "password": PASSWORD, "device_name": device},
            headers=headers,
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        return Account(name, body["user"]["role"], body, key)

    def refresh(self, account: Account, refresh_token: str | None = None, key: DeviceKey | None = None):
        """POST /auth/refresh with a proof by `key` (the account's own by default)."""
        key = key or account.key
        return self.client.post(
            "/api/v1/auth/refresh",
            json={"refresh_token": refresh_token or account.tokens["refresh_token"]},
            headers={"DPoP": key.proof("POST", "http://testserver/api/v1/auth/refresh")},
        )

    def _headers(self, account: Account, method: str, path: str) -> dict[str, str]:
        return account.proved(method, path) if account.key else account.headers

    def push(self, account: Account, *mutations: dict, expect: int = 200) -> dict:
        for mutation in mutations:  # every mutation has its own id; a test may set one to re-send it
            mutation.setdefault("id", str(uuid.uuid4()))
        answer = self.client.post(
            "/api/v1/sync/push",
            json={"mutations": list(mutations)},
            headers=self._headers(account, "POST", "/api/v1/sync/push"),
        )
        assert answer.status_code == expect, answer.text
        return answer.json()

    def pull(self, account: Account, cursor: str = "", **params) -> dict:
        answer = self.client.get(
            "/api/v1/sync/changes",
            params={"cursor": cursor, **params},
            headers=self._headers(account, "GET", "/api/v1/sync/changes"),
        )
        assert answer.status_code == 200, answer.text
        return answer.json()

    def pull_all(self, account: Account, cursor: str = "") -> tuple[list[dict], str]:
        changes = []
        while True:
            page = self.pull(account, cursor)
            changes += page["changes"]
            cursor = page["cursor"]
            if not page["has_more"]:
                return changes, cursor

    def create(self, account: Account, number: int, **fields) -> dict:
        """Push one new insight; returns the stored insight."""
        result = self.push(account, create_mutation(number, **fields))["results"][0]
        assert result["status"] == "applied", result
        return result["insight"]


def create_mutation(number: int, **fields) -> dict:
    insight = {
        "id": str(uuid.uuid4()),
        "text": f"insight {number}",
        "community": "payments",
        "product_area": "cards",
        "impact": "high",
        "tags": ["t"],
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    insight.update(fields)
    return {"type": "create", "number": number, "id": str(uuid.uuid4()), "insight": insight}


@pytest.fixture
def api(app, client) -> Api:
    return Api(app, client)


def same_here_mutation(number: int, insight_id: str, **fields) -> dict:
    """A "same here" on an existing insight (fields: id, customer_ref, impact, note, created_at)."""
    same_here = {
        "id": str(uuid.uuid4()),
        "insight_id": insight_id,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        **fields,
    }
    return {"type": "same_here", "number": number, "id": str(uuid.uuid4()), "same_here": same_here}


def reply_mutation(number: int, insight_id: str, body: str = "me too") -> dict:
    return {
        "type": "reply",
        "number": number,
        "id": str(uuid.uuid4()),
        "reply": {"id": str(uuid.uuid4()), "insight_id": insight_id, "body": body},
    }


def edit_mutation(number: int, insight_id: str, base_version: int = 1, **changes) -> dict:
    """An edit of an existing insight (changes: text, impact, tags, withdrawn, …)."""
    return {
        "type": "edit",
        "number": number,
        "insight_id": insight_id,
        "base_version": base_version,
        "changes": changes,
    }
