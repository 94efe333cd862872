"""The OpenID provider as Palaute sees it: discovery, the authorization address, the code exchange and the
ID token's checks (signature by a key of the provider's JWKS, issuer, audience, nonce, expiry)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import requests
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import ClaimsOption

from server.config import Settings

TIMEOUT = 10.0  # seconds for each call to the provider
METADATA_TTL = 3600.0  # discovery and keys are read again after an hour (and keys on an unknown key id)
SIGNING_ALGS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
CLOCK_SKEW = 60  # seconds of difference between our clock and the provider's that we tolerate


class SsoError(Exception):
    """Single sign-on refused; `message` is one sentence for the person signing in."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


class ProviderDown(SsoError):
    def __init__(self, issuer: str) -> None:
        super().__init__(
            "sso_unavailable",
            f"The sign-in service ({issuer}) does not answer. Try again in a moment, or ask your administrator.",
        )


@dataclass(frozen=True)
class IdClaims:
    issuer: str
    subject: str
    username: str
    name: str
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Tokens:
    """What the server keeps of the provider's answer: the checked claims and, if it gave one, its refresh
    token (to read the groups again at each Palaute refresh)."""

    claims: IdClaims
    refresh_token: str | None = field(repr=False)  # never in a log line, a traceback's locals or an assertion


class GrantEnded(SsoError):
    """The provider no longer accepts this refresh token (the person was disabled or signed out there, the
    grant expired or was revoked, or the answer could not be trusted): a new sign-in is needed."""

    def __init__(self) -> None:
        super().__init__("sso_ended", "Your organisation sign-in has ended. Sign in with your organisation again.")


class OidcClient:
    """One per server process: caches the provider's metadata and keys (thread-safe)."""

    def __init__(self, settings: Settings, http: requests.Session | None = None) -> None:
        self.settings = settings
        self.issuer = (settings.oidc_issuer or "").rstrip("/")
        self.http = http or requests.Session()
        self.http.trust_env = False  # only the configured provider, never a proxy from the environment
        self._lock = threading.Lock()
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None
        self._fetched = 0.0

    # --- the provider's metadata and keys ---

    def _get_json(self, url: str) -> dict[str, Any]:
        try:
            answer = self.http.get(url, timeout=TIMEOUT, allow_redirects=False)
        except requests.RequestException:
            raise ProviderDown(self.issuer) from None
        if answer.status_code != 200:
            raise ProviderDown(self.issuer)
        try:
            data = answer.json()
        except ValueError:
            raise ProviderDown(self.issuer) from None
        if not isinstance(data, dict):
            raise ProviderDown(self.issuer)
        return data

    def metadata(self) -> dict[str, Any]:
        with self._lock:
            if self._metadata is None or time.monotonic() - self._fetched > METADATA_TTL:
                data = self._get_json(f"{self.issuer}/.well-known/openid-configuration")
                if str(data.get("issuer", "")).rstrip("/") != self.issuer:
                    raise SsoError(
                        "sso_misconfigured", "The sign-in service names another issuer; ask your administrator."
                    )
                self._metadata, self._keys, self._fetched = data, None, time.monotonic()
            return self._metadata

    def _key_set(self, kid: str | None) -> KeySet:
        """The provider's keys; fetched again when a token names a key we do not have (the provider rotated)."""
        jwks_uri = self.metadata()["jwks_uri"]
        with self._lock:
            known = self._keys is not None and (kid is None or any(k.kid == kid for k in self._keys.keys))
            if not known:
                try:
                    self._keys = KeySet.import_key_set(self._get_json(jwks_uri))  # type: ignore[arg-type]
                except (JoseError, ValueError, TypeError):
                    raise ProviderDown(self.issuer) from None
            assert self._keys is not None
            return self._keys

    # --- the flow ---

    def authorization_url(self, redirect_uri: str, state: str, nonce: str, code_challenge: str) -> str:
        endpoint = self.metadata()["authorization_endpoint"]
        url: str = prepare_grant_uri(
            endpoint,
            self.settings.oidc_client_id,
            "code",
            redirect_uri=redirect_uri,
            scope=self.settings.oidc_scopes,
            state=state,
            nonce=nonce,
            code_challenge=code_challenge,
            code_challenge_method="S256",
        )
        return url

    def _session(self, redirect_uri: str | None = None) -> OAuth2Session:
        session = OAuth2Session(
            self.settings.oidc_client_id,
            self.settings.oidc_client_secret,
            token_endpoint_auth_method="client_secret_basic" if self.settings.oidc_client_secret else "none",
            redirect_uri=redirect_uri,
        )
        session.trust_env = False
        return session

    def exchange(self, code: str, redirect_uri: str, code_verifier: str, nonce: str) -> Tokens:
        """Trade the code for tokens at the provider and check the ID token; of the rest only the refresh
        token is kept (sealed, by the caller)."""
        endpoint = self.metadata()["token_endpoint"]
        session = self._session(redirect_uri)
        try:
            token = session.fetch_token(
                endpoint, code=code, code_verifier=code_verifier, timeout=TIMEOUT, allow_redirects=False
            )
        except OAuthError as error:
            # invalid_grant: a code used before, expired, or made for another verifier or address.
            raise SsoError(
                "sso_refused",
                "The sign-in service refused this sign-in (it may have been used already or taken too long). "
                "Start the sign-in again.",
            ) from error
        except (requests.RequestException, ValueError):
            raise ProviderDown(self.issuer) from None
        finally:
            session.close()
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise SsoError("sso_refused", "The sign-in service gave no identity token; ask your administrator.")
        return Tokens(self.verify_id_token(id_token, nonce), _refresh_token_of(token))

    def refresh(self, refresh_token: str, subject: str) -> Tokens:
        """The person's current claims, read with the refresh token kept since their sign-in: from the new
        ID token, or from the userinfo endpoint where the provider gives none on refresh. `subject` is the
        `sub` of the sign-in; another one is refused. Raises ProviderDown or GrantEnded."""
        session = self._session()
        try:
            endpoint = self.metadata()["token_endpoint"]
            token = session.refresh_token(endpoint, refresh_token=refresh_token, timeout=TIMEOUT, allow_redirects=False)
            id_token = token.get("id_token")
            if isinstance(id_token, str):
                claims = self.verify_id_token(id_token, None)
            else:
                claims = self._userinfo(session, str(token.get("access_token", "")))
        except OAuthError as error:
            if error.error in ("invalid_grant", "unauthorized_client", "access_denied"):
                raise GrantEnded() from error
            raise ProviderDown(self.issuer) from error  # e.g. invalid_client: the admin's setup, not the person
        except ProviderDown:
            raise
        except SsoError as error:
            if error.code == "sso_misconfigured":  # the admin's setup (or the provider's), not the person's
                raise ProviderDown(self.issuer) from None
            raise GrantEnded() from None  # an answer we cannot trust is no evidence of access
        except (requests.RequestException, ValueError, KeyError):
            raise ProviderDown(self.issuer) from None
        finally:
            session.close()
        if claims.subject != subject:
            raise GrantEnded()
        # Without rotation the provider sends no new refresh token (Authlib then repeats the old one).
        return Tokens(claims, _refresh_token_of(token))

    def _userinfo(self, session: OAuth2Session, access_token: str) -> IdClaims:
        endpoint = self.metadata().get("userinfo_endpoint")
        if not endpoint or not access_token:
            raise SsoError("sso_refused", "no identity on refresh")
        answer = session.get(
            endpoint, headers={"Authorization": f"Bearer {access_token}"}, timeout=TIMEOUT, allow_redirects=False
        )
        if answer.status_code in (401, 403):
            raise SsoError("sso_refused", "userinfo refused")
        if answer.status_code != 200:
            raise ProviderDown(self.issuer)
        data = answer.json()
        if not isinstance(data, dict) or "sub" not in data:
            raise SsoError("sso_refused", "userinfo without a subject")
        return self._claims(data)

    def verify_id_token(self, id_token: str, nonce: str | None) -> IdClaims:
        """The ID token's claims once checked. `nonce` is that of the sign-in; None for an ID token the token
        endpoint sends on refresh (a direct answer to this server, with no browser in between to replay it)."""
        allowed = [
            a for a in self.metadata().get("id_token_signing_alg_values_supported", ["RS256"]) if a in SIGNING_ALGS
        ]
        try:
            kid = jws.extract_compact(id_token.encode()).headers().get("kid")
            token = jwt.decode(id_token, self._key_set(kid), algorithms=allowed)
        except (JoseError, ValueError, TypeError):
            raise SsoError(
                "sso_refused", "The identity token's signature is not valid; the sign-in was refused."
            ) from None
        claims = token.claims
        options: dict[str, ClaimsOption] = {
            "iss": {"essential": True, "value": self.issuer},
            "sub": {"essential": True},
            "exp": {"essential": True},
        }
        if nonce is not None:
            options["nonce"] = {"essential": True, "value": nonce}
        registry = jwt.JWTClaimsRegistry(None, CLOCK_SKEW, **options)
        try:
            registry.validate(claims)
        except JoseError as error:
            raise SsoError("sso_refused", _claim_problem(error)) from None
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.settings.oidc_client_id not in audiences or (
            len(audiences) > 1 and claims.get("azp") != self.settings.oidc_client_id
        ):
            raise SsoError(
                "sso_refused", "The identity token was made for another application; the sign-in was refused."
            )
        return self._claims(claims)

    def _claims(self, claims: dict[str, Any]) -> IdClaims:
        groups = claims.get(self.settings.oidc_groups_claim) or []
        if isinstance(groups, str):
            groups = [groups]
        username = claims.get(self.settings.oidc_username_claim) or claims.get("email") or ""
        return IdClaims(
            issuer=self.issuer,
            subject=str(claims["sub"]),
            username=str(username).strip()[:100],
            name=str(claims.get("name") or username)[:100],
            groups=tuple(str(g) for g in groups if isinstance(g, str | int)),
        )


def _refresh_token_of(token: dict[str, Any]) -> str | None:
    value = token.get("refresh_token")
    return value if isinstance(value, str) and value else None


def _claim_problem(error: JoseError) -> str:
    text = str(error).lower()
    if "exp" in text:
        return "The identity token has expired (is this computer's clock right?); the sign-in was refused."
    if "nonce" in text:
        return "The identity token belongs to another sign-in; the sign-in was refused."
    if "iss" in text:
        return "The identity token comes from another issuer; the sign-in was refused."
    return "The identity token is not valid; the sign-in was refused."
