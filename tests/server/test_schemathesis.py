"""The served OpenAPI document is the contract: schemathesis, every check, against the real server, as each role.

Every operation the document lists is fuzzed; nothing here names a route, so one added later is covered as soon as
it is in the document. Each role (rep, product, admin) sends valid and invalid data to every operation; the coverage
phase (boundary values, missing headers, methods the document does not declare), which does not depend on who
asks, runs once, as the admin, against a server on PostgreSQL (the others' is on SQLite): each backend refuses
different things. Sign-ins are DPoP-bound as the desktop makes them, and a fresh proof signs every request
schemathesis sends, its retries and probes included.
"""

from __future__ import annotations

import datetime as dt
import uuid
from contextlib import ExitStack

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text

from desktop.sync.proof import DeviceKey
from server import security
from server.config import Settings
from server.db import Database
from server.migrate import upgrade
from server.services import accounts
from tests.server.conftest import PASSWORD, PG_URL, create_mutation
from tests.support.server_process import ServerProcess

# role -> (user, communities, product areas)
ROLES = {"rep": ("rita", ["payments"], []), "product": ("pia", [], ["cards"]), "admin": ("ada", [], [])}
BACKENDS = {"rep": "sqlite", "product": "sqlite", "admin": "postgres"}
LOGOUT = "/auth/logout"
# Limits high enough that fuzzing reaches the handlers; a long-poll answers at once.
SERVER_ENV = {
    "PALAUTE_SERVER_LONG_POLL_MAX_SECONDS": "0.05",
    "PALAUTE_SERVER_PUSH_PER_MINUTE": "1000000",
    "PALAUTE_SERVER_PULL_PER_MINUTE": "1000000",
    "PALAUTE_SERVER_API_PER_MINUTE": "1000000",
    "PALAUTE_SERVER_LOGIN_PER_MINUTE": "1000000",
}
_DEFAULTS = schemathesis.Config().projects.default.checks
ACCEPTED = _DEFAULTS.positive_data_acceptance.expected_statuses  # what schemathesis expects of valid data
REFUSED = _DEFAULTS.negative_data_rejection.expected_statuses  # and of invalid data
# Where the server's answer depends on more than a JSON Schema can say: one documented status on one operation
# each. Every other check, and these checks on every other operation, stay as schemathesis ships them.
EXCEPTIONS = [
    # A cursor from another database (or none of ours) is 410: the client drops it and reads from the start.
    {
        "include-path": "/api/v1/sync/changes",
        "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, 410]}},
    },
    # A key's coordinates must be a point on the P-256 curve.
    {
        "include-path": "/api/v1/auth/devices",
        "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, 422]}},
    },
    # A batch over the limit is 413, as a body over the byte limit is: the client splits it.
    {
        "include-path": "/api/v1/sync/push",
        "checks": {"negative_data_rejection": {"expected-statuses": [*REFUSED, 413]}},
    },
]


def config_for(role: str) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": 20261205,  # with `deterministic`, the same cases on every run: a failure is reproducible
            "generation": {"max-examples": 5, "deterministic": True, "database": "none"},
            "phases": {
                "coverage": {"enabled": role == "admin"},
                # The document has no links between operations: the stateful phase would have nothing to chain.
                "stateful": {"enabled": False},
            },
            "operations": EXCEPTIONS,
        }
    )


class DPoPSigner(requests.auth.AuthBase):
    """Adds a fresh DPoP proof to every request sent with `Authorization: DPoP <token>`."""

    def __init__(self, keys: dict[str, DeviceKey]) -> None:
        self.keys = keys  # access token -> the device key it is bound to

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme == "DPoP" and token in self.keys:
            request.headers["DPoP"] = self.keys[token].proof(request.method, request.url, access_token=token)
        return request


class Server:
    """The real server on loopback; `session` signs what it sends for the devices signed in here."""

    def __init__(self, process: ServerProcess) -> None:
        self.url, self.keys = process.url, {}
        self.session = requests.Session()
        self.session.auth = DPoPSigner(self.keys)

    def sign_in(self, name: str) -> str:
        """A DPoP-bound sign-in as the desktop makes it; returns the access token (its key is kept)."""
        key = DeviceKey.generate()
        url = f"{self.url}/api/v1/auth/login"
        body = {"username": name, "password": PASSWORD, "device_name": "schemathesis"}
        answer = requests.post(url, json=body, headers={"DPoP": key.proof("POST", url)}, timeout=10)
        answer.raise_for_status()
        token = answer.json()["access_token"]
        self.keys[token] = key
        return token

    def push(self, token: str, *mutations: dict) -> None:
        answer = self.session.post(
            f"{self.url}/api/v1/sync/push",
            json={"mutations": list(mutations)},
            headers={"Authorization": f"DPoP {token}"},
            timeout=10,
        )
        assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied", answer.text


def _add_users(data_dir, database_url: str | None) -> None:
    """Straight into the database before the server starts (faster than a command per user)."""
    security.configure(1, 1024)
    db = Database(Settings(data_dir=data_dir, database_url=database_url).url)
    try:
        upgrade(db)
        with db.write() as session:
            for role, (name, communities, areas) in ROLES.items():
                accounts.create_user(session, name, role, PASSWORD, communities=communities, product_areas=areas)
    finally:
        db.dispose()


def _pg_schema(stack: ExitStack) -> str:
    """A fresh PostgreSQL schema for this module's server, dropped at the end."""
    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()

    stack.callback(drop)
    return f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{name}"


def _start(stack: ExitStack, data_dir, backend: str) -> Server:
    database_url = _pg_schema(stack) if backend == "postgres" else None
    _add_users(data_dir, database_url)
    server = Server(stack.enter_context(ServerProcess.start(data_dir, database_url=database_url, env=SERVER_ENV)))
    # Something to read, so that answers carry insights and replies for the schema checks.
    rita = server.sign_in("rita")
    first = create_mutation(1, created_at=dt.datetime.now(dt.UTC).isoformat())
    server.push(rita, first, create_mutation(2, community="payments", customer_ref="CASE-1"))
    reply = {"id": str(uuid.uuid4()), "insight_id": first["insight"]["id"], "body": "Thanks"}
    server.push(rita, {"type": "reply", "number": 3, "id": str(uuid.uuid4()), "reply": reply})
    return server


@pytest.fixture(scope="module")
def servers(request, tmp_path_factory):
    """One real server per backend, started when a role first needs it."""
    started: dict[str, Server] = {}
    with ExitStack() as stack:

        def get(backend: str) -> Server:
            if backend not in started:
                if backend == "postgres":
                    request.getfixturevalue("pg_available")  # skips (fails in CI) without PostgreSQL
                started[backend] = _start(stack, tmp_path_factory.mktemp(backend), backend)
            return started[backend]

        yield get


@pytest.fixture(
    params=[pytest.param(r, marks=[pytest.mark.postgres] if BACKENDS[r] == "postgres" else []) for r in ROLES],
    scope="module",
)
def role(request) -> str:
    return request.param


@pytest.fixture
def server(servers, role) -> Server:
    return servers(BACKENDS[role])


@pytest.fixture(scope="module")
def role_schema(servers, role):
    """The document as served, signed in as one role; each sign-out fuzzed signs out a device of its own."""
    server = servers(BACKENDS[role])
    name = ROLES[role][0]
    token = server.sign_in(name)
    loaded = schemathesis.openapi.from_url(f"{server.url}/openapi.json", config=config_for(role))

    @loaded.auth(refresh_interval=None)
    class _Auth:
        def get(self, case, context):
            return server.sign_in(name) if case.operation.path.endswith(LOGOUT) else token

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": f"DPoP {data}"}

    return loaded


@pytest.fixture
def api_schema(request, role_schema):
    # schemathesis' lazy schemas still read pytest 8's `Node._nodeid` (gone in pytest 9) to name each operation.
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid
    return role_schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_server_does_what_its_document_says(case, server):
    case.call_and_validate(session=server.session, base_url=server.url, timeout=10)
