"""Shared dependencies of the API routes: database, the signed-in device, rate limits, error answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, overload

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials
from fastapi.security.http import HTTPBase
from sqlalchemy.orm import Session, lazyload

from protocol import schema
from server import proofs
from server.api.document import ERROR_HEADERS
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
    db = request.app.state.db  # app.state is untyped: check what the app put there
    if not isinstance(db, Database):
        raise TypeError("app.state.db is not the database")
    return db


async def get_settings(request: Request) -> Settings:
    settings = request.app.state.settings
    if not isinstance(settings, Settings):
        raise TypeError("app.state.settings is not the settings")
    return settings


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


_authorization = HTTPBase(
    scheme="DPoP",
    auto_error=False,
    description=(
        "`DPoP <access_token>` with a `DPoP` proof header signed by the device key (RFC 9449), as the desktop "
        "sends it; or `Bearer <access_token>` from a sign-in made without a proof (scripts)."
    ),
)


def _refused(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message, {"WWW-Authenticate": 'DPoP algs="ES256", Bearer'})


def current_principal(
    request: Request,
    db: Annotated[Database, Depends(get_db)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_authorization)],
) -> Principal:
    scheme = credentials.scheme.lower() if credentials else ""
    if credentials is None or scheme not in ("dpop", "bearer"):
        raise _refused("missing access token; sign in first")
    token = credentials.credentials
    caller = None
    if len(token) <= 200:
        with db.read() as session:
            caller = accounts.check_access(session, token)
    if caller is None:
        raise _refused("access token unknown, expired or revoked; refresh or sign in")
    if caller.key_thumbprint is None:
        if scheme != "bearer":
            raise _refused("this access token is a bearer token: send it as Bearer")
    else:
        # A token bound to a key is worth nothing without a fresh proof by that key (a copy alone is refused).
        if scheme != "dpop":
            raise _refused("this access token is bound to a key: send it as DPoP with a proof")
        proof = proof_of(request, access_token=token)
        if proof.thumbprint != caller.key_thumbprint:
            raise _refused("the DPoP proof was made with another key than this token's")
    request.scope.setdefault("state", {})["user_name"] = caller.user_name
    return Principal(caller.user_id, caller.user_name, caller.role, caller.device_id)


@overload
def proof_of(request: Request, *, access_token: str | None = None, required: Literal[True] = True) -> proofs.Proof: ...
@overload
def proof_of(request: Request, *, access_token: str | None = None, required: bool) -> proofs.Proof | None: ...
def proof_of(request: Request, *, access_token: str | None = None, required: bool = True) -> proofs.Proof | None:
    """The request's DPoP proof, checked (401 `invalid_dpop_proof` when it fails); None if absent and optional."""
    values = request.headers.getlist("dpop")
    if not values and not required:
        return None
    if len(values) > 1:
        raise ApiError(401, "invalid_dpop_proof", "send exactly one DPoP header")
    try:
        return proofs.verify(
            values[0] if values else None,
            request.method,
            request.url.path,
            request.app.state.replays,
            access_token=access_token,
        )
    except proofs.ProofError as error:
        raise ApiError(401, "invalid_dpop_proof", str(error), {"WWW-Authenticate": 'DPoP algs="ES256"'}) from None


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
DatabaseDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def rate_limited(bucket: str) -> Any:  # what Depends() gives, typed Any by FastAPI
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


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schema.ErrorBody, "description": "Malformed JSON"},
    401: {"model": schema.ErrorBody, "description": "Not signed in, or token refused", "headers": ERROR_HEADERS[401]},
    403: {"model": schema.ErrorBody, "description": "Role may not do this"},
    404: {"model": schema.ErrorBody, "description": "Not found (or not visible to you)"},
    409: {"model": schema.ErrorBody, "description": "Conflict"},
    413: {"model": schema.ErrorBody, "description": "Body or batch too large"},
    422: {"model": schema.ErrorBody, "description": "Invalid fields"},
    429: {"model": schema.ErrorBody, "description": "Rate limited; see Retry-After", "headers": ERROR_HEADERS[429]},
    503: {"model": schema.ErrorBody, "description": "Database unavailable", "headers": ERROR_HEADERS[503]},
}


ApiPrincipal = Annotated[Principal, rate_limited("api")]
PushPrincipal = Annotated[Principal, rate_limited("push")]
PullPrincipal = Annotated[Principal, rate_limited("pull")]
