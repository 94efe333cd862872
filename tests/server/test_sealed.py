"""Stored secrets (server/sealed.py): one key, one format for every kind, and webhook secrets sealed before
refresh tokens joined them still open."""

from __future__ import annotations

import base64
import hashlib
import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from server import sealed
from server.services import webhooks


def test_a_value_opens_only_as_its_own_kind_and_with_its_key():
    stored = sealed.seal("provider refresh token", "master", sealed.PROVIDER_REFRESH_TOKEN)
    assert "provider refresh token" not in stored and stored.startswith("v1:")
    assert sealed.unseal(stored, "master", sealed.PROVIDER_REFRESH_TOKEN) == "provider refresh token"
    with pytest.raises(ValueError):
        sealed.unseal(stored, "master", sealed.WEBHOOK_SECRET)
    with pytest.raises(ValueError):
        sealed.unseal(stored, "another key", sealed.PROVIDER_REFRESH_TOKEN)
    assert sealed.seal("same", "master", sealed.WEBHOOK_SECRET) != sealed.seal("same", "master", sealed.WEBHOOK_SECRET)


def test_webhook_secrets_sealed_by_the_earlier_code_still_open():
    # Exactly what services/webhooks.py wrote before the mechanism moved to server/sealed.py.
    key = hashlib.sha256(b"palaute webhook secrets v1\0" + b"master").digest()
    nonce = os.urandom(12)
    stored = "v1:" + base64.b64encode(nonce + AESGCM(key).encrypt(nonce, b"whsec_abc", b"whsec")).decode()
    assert webhooks.unseal(stored, "master") == "whsec_abc"


def test_production_refuses_a_short_key_for_sealed_secrets(tmp_path):
    from server.config import Settings

    safe = {
        "environment": "production",
        "secret_key": "s" * 40,
        "cookie_secure": True,
        "argon2_time_cost": 2,
        "argon2_memory_kib": 19456,
        "data_dir": tmp_path,
    }
    with pytest.raises(ValueError, match="PALAUTE_SERVER_WEBHOOK_KEY, when set"):
        Settings(**safe, webhook_key="changeme")
    assert Settings(**safe, webhook_key="k" * 32).webhook_master_key == "k" * 32
    assert Settings(**safe).webhook_master_key == "s" * 40
