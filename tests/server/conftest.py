"""Fixtures for the server tests: one fresh database per test (SQLite file or PostgreSQL schema)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
import warnings
from dataclasses import dataclass, field

import pytest
from sqlalchemy import create_engine, text
from starlette.exceptions import StarletteDeprecationWarning

from desktop.sync.proof import DeviceKey
from server.app import create_app
from server.config import Settings
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
    )
    values.update(overrides)
    return Settings(**values)


test_settings.__test__ = False  # a helper, not a test


@pytest.fixture
def settings_overrides() -> dict:
    """Override in a test module to change settings (e.g. short token lifetimes)."""
    return {}


@pytest.fixture
def app(tmp_path, database_url, settings_overrides):
    return create_app(test_settings(tmp_path, database_url, **settings_overrides))


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
