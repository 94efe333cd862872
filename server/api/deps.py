"""Shared dependencies of the API routes: database, the signed-in device, rate limits, error answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, lazyload

from protocol import schema
from server.config import Settings
from server.db import Database
from server.models import User
from server.services import accounts


class ApiError(Exception):
    """An error answer in the protocol's shape ({error, message, details})."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


# The small dependencies are `async def`: FastAPI runs a plain `def` dependency in the thread pool, a hop that
# costs more than the dependency itself on every request (thousands of long-polls renew every 25 s).
async def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


@dataclass(frozen=True)
class Principal:
    """Who is calling: ids only; routes load the user inside their own session (`actor`)."""

    user_id: int
    user_name: str
    role: str
    device_id: str

    def actor(self, session: Session, *, lazy: bool = False) -> User:
        """The user, loaded in this session. `lazy`: communities and product areas only when asked for (a
        push of new insights never needs them: two round trips fewer)."""
        options = [lazyload(User.communities), lazyload(User.product_areas)] if lazy else []
        user = session.get(User, self.user_id, options=options)
        if user is None:  # deleted between the token check and now
            raise ApiError(401, "unauthorized", "this account no longer exists")
        return user


_bearer = HTTPBearer(auto_error=False, description="The access token from /auth/login or /auth/refresh")


def current_principal(
    request: Request,
    db: Annotated[Database, Depends(get_db)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(
            401, "unauthorized", "missing bearer access token; sign in first", {"WWW-Authenticate": "Bearer"}
        )
    token = credentials.credentials
    principal = None
    if len(token) <= 200:
        with db.read() as session:
            caller = accounts.check_access(session, token)
            if caller:
                principal = Principal(caller.user_id, caller.user_name, caller.role, caller.device_id)
    if principal is None:
        raise ApiError(
            401,
            "unauthorized",
            "access token unknown, expired or revoked; refresh or sign in",
            {"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    request.scope.setdefault("state", {})["user_name"] = principal.user_name
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
DatabaseDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def rate_limited(bucket: str):
    """Dependency: 429 with Retry-After when this device calls `bucket` too often."""

    async def check(request: Request, principal: CurrentPrincipal, settings: SettingsDep) -> Principal:
        per_minute = getattr(settings, f"{bucket}_per_minute", settings.api_per_minute)
        wait = request.app.state.limiter.check(bucket, principal.device_id, per_minute)
        if wait:
            raise ApiError(
                429, "rate_limited", f"too many requests; retry in {wait:.0f} s", {"Retry-After": f"{wait:.0f}"}
            )
        return principal

    return Depends(check)


ERRORS = {
    400: {"model": schema.ErrorBody, "description": "Malformed JSON"},
    401: {"model": schema.ErrorBody, "description": "Not signed in, or token refused"},
    403: {"model": schema.ErrorBody, "description": "Role may not do this"},
    404: {"model": schema.ErrorBody, "description": "Not found (or not visible to you)"},
    409: {"model": schema.ErrorBody, "description": "Conflict"},
    413: {"model": schema.ErrorBody, "description": "Body or batch too large"},
    422: {"model": schema.ErrorBody, "description": "Invalid fields"},
    429: {"model": schema.ErrorBody, "description": "Rate limited; see Retry-After"},
    503: {"model": schema.ErrorBody, "description": "Database unavailable"},
}


ApiPrincipal = Annotated[Principal, rate_limited("api")]
PushPrincipal = Annotated[Principal, rate_limited("push")]
PullPrincipal = Annotated[Principal, rate_limited("pull")]
