"""DPoP proofs (RFC 9449): each request of a desktop is signed by its device key, so its tokens work nowhere else.

A proof is a small JWT (`typ: dpop+jwt`, ES256) whose header carries the public key and whose claims name the
request (`htm`, `htu`), the time (`iat`), a unique id (`jti`) and, with an access token, its hash (`ath`).
The JOSE work (parsing, signature, RFC 7638 thumbprint) is joserfc's; this module only applies the rules.
"""

from __future__ import annotations

import base64
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import urlsplit

from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey
from pydantic import ValidationError

from protocol import schema

ALGORITHMS = ["ES256"]
MAX_PROOF_CHARS = 2_000  # a P-256 proof is ~500 characters
# How old (and how far in the future) a proof's `iat` may be. Generous in the past: a 4 MiB push on a slow line
# is checked only once it has arrived. The client corrects its clock from the server's `Date` header.
MAX_AGE_SECONDS = 300
MAX_AHEAD_SECONDS = 60
REPLAY_CACHE_SIZE = 100_000


class ProofError(Exception):
    """The DPoP proof is missing or does not hold; the message says which rule failed (no secrets in it)."""


@dataclass(frozen=True)
class Proof:
    thumbprint: str  # RFC 7638 thumbprint of the key that signed it
    jti: str


def access_token_hash(token: str) -> str:
    """`ath`: base64url (no padding) of the SHA-256 of the access token (RFC 9449 section 4.2)."""
    return base64.urlsafe_b64encode(hashlib.sha256(token.encode()).digest()).rstrip(b"=").decode()


def thumbprint(key: schema.PublicKey) -> str:
    """RFC 7638 thumbprint of a public key; ValueError if it is not a point of P-256."""
    try:
        return ECKey.import_key(key.model_dump()).thumbprint()
    except (JoseError, ValueError, TypeError) as error:
        raise ValueError("key is not a valid EC P-256 public key") from error


class ReplayCache:
    """The `jti`s seen within the proof window in this process, so the same proof is not accepted twice.

    Bounded: when full, expired ids go first, then the oldest. Several server processes each keep their own;
    replaying a proof needs the TLS connection broken first, and the proof is bound to one method, path and
    access token, so this is a second line, not the first (docs/security.md)."""

    def __init__(self, size: int = REPLAY_CACHE_SIZE) -> None:
        self.size = size
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, jti: str, now: float) -> bool:
        with self._lock:
            if jti in self._seen:
                return False
            if len(self._seen) >= self.size:
                for old in [k for k, expiry in self._seen.items() if expiry < now]:
                    del self._seen[old]
                while len(self._seen) >= self.size:
                    self._seen.popitem(last=False)
            self._seen[jti] = now + MAX_AGE_SECONDS + MAX_AHEAD_SECONDS
            return True


def verify(
    proof: str | None,
    method: str,
    path: str,
    replays: ReplayCache,
    *,
    access_token: str | None = None,
    now: float | None = None,
) -> Proof:
    """Check one proof for this request; raise ProofError naming the first rule it breaks."""
    now = time.time() if now is None else now
    if not proof:
        raise ProofError("this request needs a DPoP proof (header DPoP) made with the device's key")
    if len(proof) > MAX_PROOF_CHARS:
        raise ProofError("the DPoP proof is too long")
    key, claims = _signed_claims(proof)
    if claims.get("htm") != method:
        raise ProofError("the DPoP proof was made for another HTTP method")
    htu = claims.get("htu")
    # The path, not the whole URL: behind a TLS-terminating reverse proxy the server sees neither the public
    # scheme nor host, and a proxy may mount the API under a prefix.
    if not isinstance(htu, str) or not urlsplit(htu).path.endswith(path):
        raise ProofError("the DPoP proof was made for another address")
    iat = claims.get("iat")
    if not isinstance(iat, int | float) or not now - MAX_AGE_SECONDS <= iat <= now + MAX_AHEAD_SECONDS:
        raise ProofError("the DPoP proof is too old or from the future (check the computer's clock)")
    if access_token is not None and claims.get("ath") != access_token_hash(access_token):
        raise ProofError("the DPoP proof was made for another access token")
    jti = claims.get("jti")
    if not isinstance(jti, str) or not 8 <= len(jti) <= 64:
        raise ProofError("the DPoP proof has no usable jti")
    if not replays.first_time(jti, now):
        raise ProofError("this DPoP proof was already used")
    return Proof(key.thumbprint(), jti)


def _signed_claims(proof: str) -> tuple[ECKey, dict[str, object]]:
    try:
        header = jws.extract_compact(proof.encode("ascii")).headers()
    except (JoseError, ValueError, TypeError, KeyError, UnicodeError):
        raise ProofError("the DPoP proof is not a signed JWT") from None
    if header.get("typ") != "dpop+jwt" or header.get("alg") not in ALGORITHMS:
        raise ProofError("the DPoP proof must have typ dpop+jwt and alg ES256")
    try:
        # The schema admits public EC P-256 members only: a private key in the header is refused.
        public = schema.PublicKey.model_validate(header.get("jwk"))
        key = ECKey.import_key(public.model_dump())
        claims = jwt.decode(proof, key, algorithms=ALGORITHMS).claims
    except ValidationError:
        raise ProofError("the DPoP proof's jwk must be a public EC P-256 key") from None
    except (JoseError, ValueError, TypeError):
        raise ProofError("the DPoP proof's signature does not verify") from None
    return key, claims
