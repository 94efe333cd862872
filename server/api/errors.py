"""Every error answer in one shape: {"error": code, "message": text, "details": [...] | null}."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException
from starlette.routing import Match

from protocol import schema
from server.api.deps import ApiError
from server.services.accounts import AuthError
from server.services.errors import ServiceError
from server.services.feed import CursorInvalid

log = logging.getLogger("palaute.server")
_HTTP_CODES = {
    404: "not_found",
    405: "method_not_allowed",
    401: "unauthorized",
    403: "forbidden",
    413: "too_large",
    400: "bad_request",
    406: "not_acceptable",
    415: "unsupported_media_type",
}
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


# Every 401 names the schemes that would be accepted (RFC 9110), whichever refusal made it.
_CHALLENGE = {"WWW-Authenticate": 'DPoP algs="ES256", Bearer'}


def answer(
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    if status == 401 and not any(name.lower() == "www-authenticate" for name in headers or {}):
        headers = {**(headers or {}), **_CHALLENGE}
    return JSONResponse({"error": code, "message": message, "details": details}, status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_request: Request, error: ApiError) -> JSONResponse:
        return answer(error.status, error.code, error.message, headers=error.headers)

    @app.exception_handler(ServiceError)
    async def _service(_request: Request, error: ServiceError) -> JSONResponse:
        return answer(error.http_status, error.code, error.message)

    @app.exception_handler(AuthError)
    async def _auth(_request: Request, error: AuthError) -> JSONResponse:
        details = [{"reason": error.reason}] if error.reason else None
        return answer(401, error.code, error.message, details, headers={"WWW-Authenticate": 'DPoP algs="ES256"'})

    @app.exception_handler(CursorInvalid)
    async def _cursor(_request: Request, error: CursorInvalid) -> JSONResponse:
        return answer(410, "cursor_invalid", str(error))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", ""), "type": e.get("type")}
            for e in error.errors()
        ]
        if any(p["type"] == "json_invalid" for p in problems):
            return answer(400, "malformed_json", "the request body is not valid JSON", problems)
        if any(p["type"] == "too_long" and p["loc"] == ["body", "mutations"] for p in problems):
            return answer(413, "too_large", f"at most {schema.MAX_BATCH_MUTATIONS} mutations per push; split the batch")
        summary = "; ".join(f"{'.'.join(p['loc'][1:]) or 'body'}: {p['msg']}" for p in problems[:5])
        return answer(422, "invalid", summary or "invalid request", problems)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> JSONResponse:
        headers = getattr(error, "headers", None)
        if error.status_code == 405:
            headers = {**(headers or {}), "Allow": ", ".join(allowed_methods(request))}
        return answer(
            error.status_code, _HTTP_CODES.get(error.status_code, "error"), str(error.detail), headers=headers
        )

    @app.exception_handler(OperationalError)
    async def _database(_request: Request, error: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", type(error.orig).__name__)
        return answer(503, "unavailable", "the database is unavailable; retry later", headers={"Retry-After": "5"})


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path. Starlette's 405 names only the methods of the first route
    whose path matched, but a path may have one route per method (PUT and DELETE of a membership)."""
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    ]
