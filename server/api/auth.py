"""Sign-in, token refresh, sign-out and who-am-I."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request, Response

from protocol import schema
from server import proofs
from server.api.deps import ERRORS, ApiError, ApiPrincipal, CurrentPrincipal, DatabaseDep, SettingsDep, proof_of
from server.config import Settings
from server.models import Device
from server.services import accounts
from server.sso import people, renewal

router = APIRouter(prefix="/auth", tags=["auth"], responses=ERRORS)
# How soon a desktop asks again when the organisation's sign-in service has not answered for too long.
SSO_RETRY_SECONDS = 300


def policy(settings: Settings) -> accounts.TokenPolicy:
    return accounts.TokenPolicy(
        access_ttl=timedelta(minutes=settings.access_token_minutes),
        refresh_ttl=timedelta(days=settings.refresh_token_days),
        sso_check=people.refresh_check(settings),
    )


def _client(request: Request) -> str:
    return request.client.host if request.client else "-"


def _rate_limit(request: Request, bucket: str, key: str, per_minute: int, what: str) -> None:
    wait = request.app.state.limiter.check(bucket, key, per_minute)
    if wait:
        raise ApiError(429, "rate_limited", f"{what}; retry in {wait:.0f} s", {"Retry-After": f"{wait:.0f}"})


@router.post("/login", response_model=schema.TokenPair)
def login(body: schema.LoginRequest, request: Request, db: DatabaseDep, settings: SettingsDep) -> schema.TokenPair:
    """Sign in with name and password; creates a device and returns its first tokens.

    With a `DPoP` proof header the device is bound to the proof's key (tokens of type DPoP, with a refresh
    token); without one the answer is a bearer access token only."""
    _rate_limit(
        request, "login", f"{body.username}|{_client(request)}", settings.login_per_minute, "too many sign-in attempts"
    )
    if not settings.password_sign_in:
        raise ApiError(403, "password_sign_in_off", "password sign-in is turned off; sign in with your organisation")
    proof = proof_of(request, required=False)
    with db.write() as session:
        pair = accounts.sign_in(
            session,
            body.username,
            body.password,
            body.device_name,
            policy(settings),
            proof.thumbprint if proof else None,
        )
    request.scope.setdefault("state", {})["user_name"] = pair.user.name
    return pair


@router.post(
    "/refresh",
    response_model=schema.TokenPair,
    responses={
        503: {
            **ERRORS[503],
            "description": "Database unavailable, or (`sso_unavailable`) the organisation's sign-in service has "
            "not answered for too long; see Retry-After",
        }
    },
)
def refresh(body: schema.RefreshRequest, request: Request, db: DatabaseDep, settings: SettingsDep) -> schema.TokenPair:
    """A new access token for the device's refresh token, proven with the device's key (no rotation).

    For an organisation account the provider is asked first for the person's current groups (its refresh
    token, kept since the sign-in): no longer in a mapped group, the refresh is refused and every device
    and web session of the person signed out."""
    _rate_limit(request, "refresh", _client(request), settings.api_per_minute, "too many requests")
    proof = proof_of(request)
    client = request.app.state.oidc
    if client is not None:
        with db.read() as session:
            device_id = accounts.organisation_device(session, body.refresh_token, proof.thumbprint)
        refusal = renewal.renew(db, client, settings, Device, device_id) if device_id else None
        if refusal is not None and refusal.reason == "sso_unavailable":
            # Not a sign-out: the device stays signed in and tries again (an older desktop too: a 503).
            raise ApiError(503, "sso_unavailable", refusal.message, {"Retry-After": str(SSO_RETRY_SECONDS)})
        if refusal is not None:
            raise accounts.AuthError("refresh_refused", refusal.message, reason=refusal.reason)
    with db.write() as session:
        return accounts.refresh(session, body.refresh_token, proof.thumbprint, policy(settings))


@router.post("/devices", response_model=schema.TokenPair)
def add_device(
    body: schema.DeviceRequest, principal: ApiPrincipal, db: DatabaseDep, settings: SettingsDep
) -> schema.TokenPair:
    """A new device for the signed-in user, bound to the key in the body (answered with its first tokens).

    Sent by a desktop that found its mutation numbers already used (a restored backup, a copied data folder),
    so that it can number its changes afresh without asking the user for the password."""
    try:
        bound_to = proofs.thumbprint(body.key)
    except ValueError as error:
        raise ApiError(422, "invalid", str(error)) from None
    with db.write() as session:
        return accounts.add_device(session, principal.device_id, body.device_name, bound_to, policy(settings))


@router.post("/logout", status_code=204, response_class=Response)
def logout(principal: CurrentPrincipal, db: DatabaseDep) -> Response:
    """Sign this device out: every token of it stops working."""
    with db.write() as session:
        accounts.revoke_device(session, principal.device_id)
    return Response(status_code=204)


me_router = APIRouter(tags=["auth"], responses=ERRORS)


@me_router.get("/me", response_model=schema.UserInfo)
def me(principal: ApiPrincipal, db: DatabaseDep) -> schema.UserInfo:
    """The signed-in user, role and assignments."""
    with db.read() as session:
        return accounts.user_info(principal.actor(session))
