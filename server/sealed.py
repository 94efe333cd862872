"""Secrets the server must read back later (webhook signing secrets, the OpenID provider's refresh tokens),
stored encrypted with AES-GCM under one key derived from PALAUTE_SERVER_WEBHOOK_KEY (default: the server's
secret key). A copy of the database alone therefore reveals none of them; docs/security.md.

Each kind of secret has its own associated data, so a value sealed as one kind does not open as another.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_PREFIX = "v1:"
WEBHOOK_SECRET = b"whsec"
PROVIDER_REFRESH_TOKEN = b"oidc-refresh"


def _key(master: str) -> bytes:
    # The label dates from when webhook secrets were the only kind; changing it would make them unreadable.
    return hashlib.sha256(b"palaute webhook secrets v1\0" + master.encode()).digest()


def seal(secret: str, master: str, kind: bytes) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_key(master)).encrypt(nonce, secret.encode(), kind)
    return _PREFIX + base64.b64encode(nonce + sealed).decode()


def unseal(stored: str, master: str, kind: bytes) -> str:
    """The secret; ValueError when the key (or the kind) is not the one it was sealed with."""
    if not stored.startswith(_PREFIX):
        raise ValueError("unknown secret format")
    raw = base64.b64decode(stored[len(_PREFIX) :])
    try:
        return AESGCM(_key(master)).decrypt(raw[:12], raw[12:], kind).decode()
    except Exception:
        raise ValueError("sealed with another key") from None
