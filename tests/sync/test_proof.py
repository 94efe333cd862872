"""The desktop's DPoP proofs, made with `cryptography` directly, checked by the server's verifier (joserfc)."""

from __future__ import annotations

import time

import pytest
from joserfc.jwk import ECKey

from desktop.sync.proof import DeviceKey
from protocol import schema
from server.proofs import ProofError, ReplayCache, thumbprint, verify


def test_a_proof_made_here_verifies_on_the_server_with_its_thumbprint():
    key = DeviceKey.generate()
    proof = key.proof("post", "https://palaute.example/api/v1/sync/push?x=1#f", access_token="token-1")
    checked = verify(proof, "POST", "/api/v1/sync/push", ReplayCache(), access_token="token-1")
    assert checked.thumbprint == key.thumbprint
    assert thumbprint(schema.PublicKey.model_validate(key.public)) == key.thumbprint


def test_the_server_refuses_a_proof_whose_signature_was_changed():
    proof = DeviceKey.generate().proof("GET", "https://palaute.example/api/v1/sync/changes")
    head, claims, signature = proof.split(".")
    forged = f"{head}.{claims}.{signature[:-4]}{'AAAA' if not signature.endswith('AAAA') else 'BBBB'}"
    with pytest.raises(ProofError, match="signature"):
        verify(forged, "GET", "/api/v1/sync/changes", ReplayCache())


def test_a_key_saved_by_joserfc_in_an_earlier_version_still_signs_as_the_same_device():
    saved = ECKey.generate_key("P-256", private=True)
    key = DeviceKey.from_jwk(saved.as_dict(private=True))
    assert key.thumbprint == saved.thumbprint()
    assert key.to_jwk() == {k: v for k, v in saved.as_dict(private=True).items() if k in ("kty", "crv", "x", "y", "d")}
    proof = key.proof("GET", "https://palaute.example/api/v1/me", now=time.time())
    assert verify(proof, "GET", "/api/v1/me", ReplayCache()).thumbprint == saved.thumbprint()


def test_a_saved_key_whose_public_part_does_not_match_is_refused():
    jwk = DeviceKey.generate().to_jwk()
    jwk["x"] = DeviceKey.generate().public["x"]
    with pytest.raises(ValueError, match="public point"):
        DeviceKey.from_jwk(jwk)
    with pytest.raises(ValueError, match="private EC P-256"):
        DeviceKey.from_jwk({k: v for k, v in jwk.items() if k != "d"})
