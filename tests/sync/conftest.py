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
TEST_LIMITS = {"PALAUTE_SERVER_PUSH_PER_MINUTE": "100000", "PALAUTE_SERVER_PULL_PER_MINUTE": "100000",
               "PALAUTE_SERVER_API_PER_MINUTE": "100000", "PALAUTE_SERVER_LOGIN_PER_MINUTE": "1000"}


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


@pytest.fixture
def server(tmp_path):
    server = start_server(tmp_path / "server")
    server.add_user(REP, "rep", REP_PASSWORD, communities=["payments", "cards"])
    server.add_user(PRODUCT, "product", PRODUCT_PASSWORD, communities=["payments", "cards"])
    yield server
    server.stop()


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
    sign_in(store, vault, server.url, REP, REP_PASSWORD)
    return store


class ProductMember:
    """The product team's side, through the real REST API."""

    def __init__(self, url: str) -> None:
        self.url = url + "/api/v1"
        self.http = requests.Session()
        token = self.http.post(f"{self.url}/auth/login", json={"username": PRODUCT, "password": PRODUCT_PASSWORD},
                               timeout=10).json()["access_token"]
        self.http.headers["Authorization"] = f"Bearer {token}"

    def insights(self) -> list[dict]:
        found, offset = [], 0
        while True:
            page = self.http.get(f"{self.url}/insights", params={"limit": 200, "offset": offset}, timeout=10)
            page.raise_for_status()
            batch = page.json()["insights"]
            found += batch
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
    return ProductMember(server.url)
