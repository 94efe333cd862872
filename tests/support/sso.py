"""Single sign-on in tests: the test provider's people, a server configured for it, and the desktop's side
of the flow done by hand (PKCE, the "browser" filling in the provider's form, the code sent to the server)."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import requests

from desktop.sync.proof import DeviceKey
from protocol import schema
from tests.support.oidc_provider import CLIENT_ID, CLIENT_SECRET, OidcProvider, sign_in_at_provider

PASSWORD = "provider password"
GROUP_MAP = (
    "palaute-product=role:product; palaute-admins=role:admin; cs-payments=community:payments; "
    "cs-cards=community:cards; cards-team=product-area:cards"
)


def person(groups: list[str], name: str = "") -> dict:
    return {"password": PASSWORD, "name": name or "Test Person", "email": "person@example.org", "groups": groups}


def server_env(provider: OidcProvider, **extra: str) -> dict[str, str]:
    return {
        "PALAUTE_SERVER_OIDC_ISSUER": provider.issuer,
        "PALAUTE_SERVER_OIDC_CLIENT_ID": CLIENT_ID,
        "PALAUTE_SERVER_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "PALAUTE_SERVER_OIDC_SCOPES": "openid profile email groups",
        "PALAUTE_SERVER_OIDC_GROUP_MAP": GROUP_MAP,
        "PALAUTE_SERVER_OIDC_PROVIDER_NAME": "Example Org",
        "PALAUTE_SERVER_LOGIN_PER_MINUTE": "100000",
        **extra,
    }


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


@dataclass
class Attempt:
    """One desktop sign-in up to the provider's redirect back: what the desktop would hold at that point."""

    server_url: str
    start: dict
    verifier: str
    callback: str

    @property
    def code(self) -> str:
        return parse_qs(urlsplit(self.callback).query)["code"][0]

    @property
    def state(self) -> str:
        return parse_qs(urlsplit(self.callback).query)["state"][0]

    def exchange(self, key: DeviceKey | None = None, **override: str) -> requests.Response:
        key = key or DeviceKey.generate()
        url = f"{self.server_url}{schema.API_PREFIX}/auth/sso/token"
        body = {
            "ticket": self.start["ticket"],
            "state": self.state,
            "code": self.code,
            "code_verifier": self.verifier,
            "device_name": "sso-test",
            **override,
        }
        return requests.post(url, json=body, headers={"DPoP": key.proof("POST", url)}, timeout=30)


def begin(server_url: str, user: str, password: str = PASSWORD, port: int = 49999) -> Attempt:
    verifier, challenge = pkce_pair()
    redirect = f"http://127.0.0.1:{port}/callback"
    answer = requests.post(
        f"{server_url}{schema.API_PREFIX}/auth/sso/start",
        json={"redirect_uri": redirect, "code_challenge": challenge},
        timeout=30,
    )
    answer.raise_for_status()
    start = answer.json()
    with requests.Session() as browser:
        callback = sign_in_at_provider(browser, start["authorization_url"], user, password)
    assert callback.startswith(redirect), callback
    return Attempt(server_url, start, verifier, callback)
