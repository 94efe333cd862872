"""The device key and its DPoP proofs (RFC 9449): what makes this data folder's tokens useless anywhere else.

One EC P-256 key per device, made at sign-in and kept in the OS keyring with the refresh token. Every request
carries a fresh proof signed by it. joserfc (and the `cryptography` it uses) is imported on first use only:
a capture from the command line never loads it.
"""

from __future__ import annotations

import base64
import hashlib
import time
import uuid
from typing import Any, cast
from urllib.parse import urlsplit, urlunsplit


class DeviceKey:
    """A private key; `public` is its JWK (sent in proofs), `thumbprint` its RFC 7638 name."""

    def __init__(self, key: Any) -> None:
        self._key = key
        self.public: dict[str, str] = key.as_dict(private=False)

    @classmethod
    def generate(cls) -> DeviceKey:
        from joserfc.jwk import ECKey

        return cls(ECKey.generate_key("P-256", private=True))

    @classmethod
    def from_jwk(cls, jwk: dict[str, str]) -> DeviceKey:
        from joserfc.jwk import ECKey

        data: dict[str, str | list[str]] = dict(jwk)
        return cls(ECKey.import_key(data))

    def to_jwk(self) -> dict[str, str]:
        """The private key as a JWK, for the keyring only."""
        return cast(dict[str, str], self._key.as_dict(private=True))

    @property
    def thumbprint(self) -> str:
        return str(self._key.thumbprint())

    def proof(self, method: str, url: str, *, access_token: str | None = None, now: float | None = None) -> str:
        """A DPoP proof for one request (`htu` without query or fragment, `ath` when a token goes with it)."""
        from joserfc import jwt

        parts = urlsplit(url)
        claims: dict[str, Any] = {
            "jti": str(uuid.uuid4()),
            "htm": method.upper(),
            "htu": urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")),
            "iat": int(time.time() if now is None else now),
        }
        if access_token is not None:
            claims["ath"] = access_token_hash(access_token)
        header = {"typ": "dpop+jwt", "alg": "ES256", "jwk": self.public}
        return jwt.encode(header, claims, self._key)

    def __repr__(self) -> str:
        return f"DeviceKey(thumbprint={self.thumbprint!r})"  # never the private part


def access_token_hash(token: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(token.encode()).digest()).rstrip(b"=").decode()
