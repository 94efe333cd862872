"""Single sign-on for the desktop: the authorization address for its loopback redirect, then the code
exchanged here (with the server's client secret) for a device of Palaute's own."""

from __future__ import annotations

import secrets
import time

from fastapi import APIRouter, Request

from protocol import schema
from server.api.auth import _client, _rate_limit, policy
from server.api.deps import ERRORS, ApiError, DatabaseDep, SettingsDep, proof_of
from server.group_map import GroupMap
from server.models import Device
from server.services import accounts
from server.sso import people, renewal, tickets
from server.sso.oidc import OidcClient, ProviderDown, SsoError

router = APIRouter(
    prefix="/auth",
    tags=["auth"],
    responses={**ERRORS, 502: {"model": schema.ErrorBody, "description": "The sign-in service does not answer"}},
)


def oidc_client(request: Request) -> OidcClient:
    client: OidcClient | None = getattr(request.app.state, "oidc", None)
    if client is None:
        raise ApiError(404, "sso_off", "single sign-on is not set up on this server")
    return client


@router.get("/methods", response_model=schema.SignInMethods)
async def methods(settings: SettingsDep) -> schema.SignInMethods:
    """Which ways of signing in this server offers (the desktop shows its buttons accordingly)."""
    return schema.SignInMethods(
        password=settings.password_sign_in,
        sso=settings.sso_enabled,
        provider_name=settings.oidc_provider_name if settings.sso_enabled else None,
    )


@router.post("/sso/start", response_model=schema.SsoStart)
def start(body: schema.SsoStartRequest, request: Request, settings: SettingsDep) -> schema.SsoStart:
    """The provider's sign-in address for this desktop's loopback redirect and PKCE challenge."""
    _rate_limit(request, "login", f"sso|{_client(request)}", settings.login_per_minute, "too many sign-in attempts")
    client = oidc_client(request)
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    try:
        url = client.authorization_url(body.redirect_uri, state, nonce, body.code_challenge)
    except SsoError as error:
        raise _api_error(error) from None
    ticket = tickets.Ticket(state, nonce, body.redirect_uri, time.time() + tickets.LIFETIME_SECONDS)
    return schema.SsoStart(authorization_url=url, state=state, ticket=tickets.seal(ticket, settings.secret_key))


@router.post("/sso/token", response_model=schema.TokenPair)
def token(body: schema.SsoTokenRequest, request: Request, db: DatabaseDep, settings: SettingsDep) -> schema.TokenPair:
    """Exchange the provider's code (and the desktop's PKCE verifier) and check the identity token; then, in
    one transaction, make or update the user from the groups and create the device bound to the proof's key.
    Any refusal leaves nothing behind."""
    client = oidc_client(request)
    proof = proof_of(request)  # single sign-on makes key-bound devices only
    ticket = tickets.open_sealed(body.ticket, settings.secret_key)
    if ticket is None:
        raise ApiError(401, "sso_refused", "this sign-in took too long or was not started here; start it again")
    if not secrets.compare_digest(ticket.state, body.state):
        raise ApiError(401, "sso_refused", "the sign-in answer belongs to another sign-in; start it again")
    try:
        tokens = client.exchange(body.code, ticket.redirect_uri, body.code_verifier, ticket.nonce)
        with db.write() as session:
            user = people.sign_in_user(session, tokens.claims, GroupMap.parse(settings.oidc_group_map))
            pair = accounts.sign_in_user(session, user, body.device_name, policy(settings), proof.thumbprint)
            device = session.get(Device, pair.device_id)
            assert device is not None
            renewal.keep(device, tokens, settings)  # read the groups again at each refresh
    except SsoError as error:
        if error.code == "sso_no_access":
            with db.write() as session:
                people.lost_access(session, tokens.claims)
        raise _api_error(error) from None
    request.scope.setdefault("state", {})["user_name"] = pair.user.name
    return pair


def _api_error(error: SsoError) -> ApiError:
    return ApiError(502 if isinstance(error, ProviderDown) else 401, error.code, error.message)
