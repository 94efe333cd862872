"""The sync tests' world: the real server on loopback, a real keyring backend, a rep's store, a product member."""

from __future__ import annotations

import keyring
import pytest
import requests

from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.sync.account import sign_in
from desktop.sync.credentials import Vault
from tests.support.keyrings import MemoryKeyring
from tests.support.server_process import ServerProcess

REP, REP_PASSWORD = "rita", "rita-password-1"
PRODUCT, PRODUCT_PASSWORD = "pam", "pam-password-1"
# Sync tests make many requests in a short time; the production limits would only slow them down.
TEST_LIMITS = {
    "PALAUTE_SERVER_PUSH_PER_MINUTE": "100000",
    "PALAUTE_SERVER_PULL_PER_MINUTE": "100000",
    "PALAUTE_SERVER_API_PER_MINUTE": "100000",
    "PALAUTE_SERVER_LOGIN_PER_MINUTE": "1000",
}


@pytest.fixture(autouse=True)
def memory_keyring():
    """In-process tests use a real (in-memory) keyring backend, never the developer's own keyring."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def start_server(folder, **kwargs) -> ServerProcess:
    env = {**TEST_LIMITS, **kwargs.pop("env", {})}
    server = ServerProcess.start(folder, env=env, **kwargs)
    return server


def add_user(server: ServerProcess, name: str, role: str, password: str, communities=("payments", "cards")) -> None:
    """Create a user straight in the server's database (a CLI process per user would cost seconds)."""
    from server import security
    from server.db import Database
    from server.services import accounts

    security.configure(1, 1024)  # cheap hashing, as the test server itself uses
    db = Database(server.database_url or f"sqlite:///{server.data_dir / 'palaute-server.sqlite3'}", pool_size=1)
    try:
        with db.write() as session:
            accounts.create_user(session, name, role, password, communities=list(communities))
    finally:
        db.dispose()


def add_community(server: ServerProcess, slug: str, name: str, *, open_: bool = False) -> None:
    """A community of its own for one test, so no other test's insights reach its members' feeds."""
    from server.db import Database
    from server.models import Community

    db = Database(server.database_url or f"sqlite:///{server.data_dir / 'palaute-server.sqlite3'}", pool_size=1)
    try:
        with db.write() as session:
            session.add(Community(slug=slug, name=name, open=open_))
    finally:
        db.dispose()


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory):
    """One server for the tests that do not stop or reconfigure it; each test has its own users."""
    server = start_server(tmp_path_factory.mktemp("server"))
    yield server
    server.stop()


@pytest.fixture
def server(shared_server, request):
    """The shared server, with this test's own rep and product member (`server.rep`, `server.product`)."""
    suffix = f"{abs(hash(request.node.nodeid)) % 10**8}"
    shared_server.rep, shared_server.product = f"rep{suffix}", f"pm{suffix}"
    # In no community: other tests' insights in the shared server's communities would reach this rep's feed.
    add_user(shared_server, shared_server.rep, "rep", REP_PASSWORD, communities=())
    add_user(shared_server, shared_server.product, "product", PRODUCT_PASSWORD)
    return shared_server


@pytest.fixture
def store(data_dir):
    store = open_store(AppPaths.resolve(data_dir))
    yield store
    store.close()


@pytest.fixture
def vault():
    return Vault()


@pytest.fixture
def signed_in(store, vault, server):
    sign_in(store, vault, server.url, server.rep, REP_PASSWORD)
    return store


class ProductMember:
    """The product team's side, through the real REST API."""

    def __init__(self, url: str, name: str = PRODUCT, only_author: str | None = None) -> None:
        self.url = url + "/api/v1"
        self.name = name
        self.only_author = only_author  # on the shared server, only this test's rep's insights count
        self.http = requests.Session()
        token = self.http.post(
            f"{self.url}/auth/login", json={"username": name, "password": PRODUCT_PASSWORD}, timeout=10
        ).json()["access_token"]
        self.http.headers["Authorization"] = f"Bearer {token}"

    def insights(self) -> list[dict]:
        found, offset = [], 0
        while True:
            page = self.http.get(f"{self.url}/insights", params={"limit": 200, "offset": offset}, timeout=10)
            page.raise_for_status()
            batch = page.json()["insights"]
            found += [i for i in batch if self.only_author in (None, i["author"])]
            if len(batch) < 200:
                return found
            offset += 200

    def reply(self, insight_id: str, body: str) -> dict:
        answer = self.http.post(f"{self.url}/insights/{insight_id}/replies", json={"body": body}, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def set_status(self, insight_id: str, status: str) -> dict:
        answer = self.http.post(f"{self.url}/insights/{insight_id}/status", json={"status": status}, timeout=10)
        answer.raise_for_status()
        return answer.json()


@pytest.fixture
def product(server):
    return ProductMember(server.url, server.product, only_author=server.rep)
