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
