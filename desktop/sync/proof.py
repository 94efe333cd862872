"""The device key and its DPoP proofs (RFC 9449): what makes this data folder's tokens useless anywhere else.

One EC P-256 key per device, made at sign-in and kept in the OS keyring with the refresh token. Every request
carries a fresh proof signed by it: a compact JWS (ES256) of a few claims. The signing and the key maths are
`cryptography`'s; this module only lays out the JWK (RFC 7517/7518), the thumbprint (RFC 7638) and the compact
serialisation (RFC 7515), which is all a proof needs. joserfc, which did this before, weighed ~6 MiB more in
the idle app than `cryptography` alone (bench_footprint); the server still verifies with it, and a test signs
here and verifies there. `cryptography` is imported on first use only: a capture from the command line never
loads it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
from typing import Any
from urllib.parse import urlsplit, urlunsplit

CURVE_BYTES = 32  # P-256: coordinates, the private number and each half of a signature are 32 bytes


class DeviceKey:
    """A private key; `public` is its JWK (sent in proofs), `thumbprint` its RFC 7638 name."""

    def __init__(self, key: Any) -> None:
        self._key = key
        point = key.public_key().public_numbers()
        self.public: dict[str, str] = {"kty": "EC", "crv": "P-256", "x": _b64_int(point.x), "y": _b64_int(point.y)}

    @classmethod
    def generate(cls) -> DeviceKey:
        from cryptography.hazmat.primitives.asymmetric import ec

        return cls(ec.generate_private_key(ec.SECP256R1()))

    @classmethod
    def from_jwk(cls, jwk: dict[str, str]) -> DeviceKey:
        """The key saved by `to_jwk` (or by joserfc, which earlier versions used: the same members).

        ValueError if it is not a private P-256 key whose public part matches its `x` and `y`."""
        from cryptography.hazmat.primitives.asymmetric import ec

        if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256" or not isinstance(jwk.get("d"), str):
            raise ValueError("not a private EC P-256 JWK")
        key = cls(ec.derive_private_key(int.from_bytes(_unb64(jwk["d"]), "big"), ec.SECP256R1()))
        if (key.public["x"], key.public["y"]) != (jwk.get("x"), jwk.get("y")):
            raise ValueError("the JWK's public point does not belong to its private number")
        return key

    def to_jwk(self) -> dict[str, str]:
        """The private key as a JWK, for the keyring only."""
        return {**self.public, "d": _b64_int(self._key.private_numbers().private_value)}

    @property
    def thumbprint(self) -> str:
        # RFC 7638: the required members only, sorted, no white space.
        members = {name: self.public[name] for name in ("crv", "kty", "x", "y")}
        canonical = json.dumps(members, separators=(",", ":"), sort_keys=True)
        return _b64(hashlib.sha256(canonical.encode()).digest())

    def proof(self, method: str, url: str, *, access_token: str | None = None, now: float | None = None) -> str:
        """A DPoP proof for one request (`htu` without query or fragment, `ath` when a token goes with it)."""
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
        signing_input = f"{_b64_json(header)}.{_b64_json(claims)}"
        return f"{signing_input}.{_b64(self._sign(signing_input.encode('ascii')))}"

    def _sign(self, data: bytes) -> bytes:
        """ES256 as JWS wants it (RFC 7518 section 3.4): r and s as two 32-byte numbers, not DER."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

        r, s = decode_dss_signature(self._key.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(CURVE_BYTES, "big") + s.to_bytes(CURVE_BYTES, "big")

    def __repr__(self) -> str:
        return f"DeviceKey(thumbprint={self.thumbprint!r})"  # never the private part


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64_int(number: int) -> str:
    return _b64(number.to_bytes(CURVE_BYTES, "big"))


def _b64_json(value: dict[str, Any]) -> str:
    return _b64(json.dumps(value, separators=(",", ":")).encode())


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def access_token_hash(token: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(token.encode()).digest()).rstrip(b"=").decode()
