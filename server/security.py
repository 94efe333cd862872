"""Password hashing (argon2) and opaque tokens (random strings kept only as SHA-256)."""

from __future__ import annotations

import hashlib
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
# Each argon2 run takes ~64 MiB: bound how many run at once, whatever the number of request threads.
_hashing = threading.BoundedSemaphore(4)
# Verified when the user name is unknown, so both cases take the same time (made on first use).
_dummy_hash: str | None = None


def configure(time_cost: int, memory_kib: int) -> None:
    """Set the argon2 cost (tests and benchmarks use a cheap one)."""
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)
    _dummy_hash = None


def hash_password(password: str) -> str:
    with _hashing:
        return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    global _dummy_hash
    if password_hash is None and _dummy_hash is None:
        _dummy_hash = hash_password("palaute-dummy-password")
    # Without a hash (no such user) a dummy one is checked all the same, so both take the same time.
    against = password_hash or _dummy_hash or hash_password("palaute-dummy-password")
    try:
        with _hashing:
            return _hasher.verify(against, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """256 random bits, URL-safe: 43 characters, far below the Windows credential store's cap."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
