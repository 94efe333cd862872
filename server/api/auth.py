"""Sign-in, token refresh, sign-out and who-am-I."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request, Response
from sqlalchemy.exc import IntegrityError

from protocol import schema
from server.api.deps import ERRORS, ApiError, ApiPrincipal, CurrentPrincipal, DatabaseDep, SettingsDep
from server.config import Settings
from server.services import accounts

router = APIRouter(prefix="/auth", tags=["auth"], responses=ERRORS)


def policy(settings: Settings) -> accounts.TokenPolicy:
    return accounts.TokenPolicy(
        access_ttl=timedelta(minutes=settings.access_token_minutes),
        refresh_ttl=timedelta(days=settings.refresh_token_days),
        grace=timedelta(seconds=settings.refresh_grace_seconds),
    )


def _client(request: Request) -> str:
    return request.client.host if request.client else "-"


@router.post("/login", response_model=schema.TokenPair)
def login(body: schema.LoginRequest, request: Request, db: DatabaseDep, settings: SettingsDep):
    """Sign in with name and password; creates a device and returns its first token pair."""
    wait = request.app.state.limiter.check("login", f"{body.username}|{_client(request)}", settings.login_per_minute)
    if wait:
        raise ApiError(
            429, "rate_limited", f"too many sign-in attempts; retry in {wait:.0f} s", {"Retry-After": f"{wait:.0f}"}
        )
    with db.write() as session:
        pair = accounts.sign_in(session, body.username, body.password, body.device_name, policy(settings))
    request.scope.setdefault("state", {})["user_name"] = pair.user.name
    return pair


@router.post("/refresh", response_model=schema.TokenPair)
def refresh(body: schema.RefreshRequest, request: Request, db: DatabaseDep, settings: SettingsDep):
    """Exchange a refresh token for a new pair (the old refresh token is spent)."""
    wait = request.app.state.limiter.check("refresh", _client(request), settings.api_per_minute)
    if wait:
        raise ApiError(429, "rate_limited", f"too many requests; retry in {wait:.0f} s", {"Retry-After": f"{wait:.0f}"})
    try:
        with db.write() as session:
            return accounts.refresh(session, body.refresh_token, policy(settings))
    except accounts.AuthError as error:
        if error.revoke_device:
            # A reused refresh token: the revocation must persist although this request fails.
            with db.write() as session:
                accounts.revoke_device(session, error.revoke_device)
        raise
    except IntegrityError:
        raise ApiError(409, "conflict", "refresh raced with another; retry") from None


@router.post("/logout", status_code=204, response_class=Response)
def logout(principal: CurrentPrincipal, db: DatabaseDep):
    """Sign this device out: every token of it stops working."""
    with db.write() as session:
        accounts.revoke_device(session, principal.device_id)
    return Response(status_code=204)


me_router = APIRouter(tags=["auth"], responses=ERRORS)


@me_router.get("/me", response_model=schema.UserInfo)
def me(principal: ApiPrincipal, db: DatabaseDep):
    """The signed-in user, role and assignments."""
    with db.read() as session:
        return accounts.user_info(principal.actor(session))
