"""The OpenAPI document says which headers come with each answer, as the server sends them.

Route decorators describe bodies and status codes; the headers every answer carries (set by middleware) and those
of error answers are added here, once, so the document stays exact as routes are added.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI


def _header(description: str, *, required: bool = True) -> dict[str, Any]:
    return {"description": description, "required": required, "schema": {"type": "string"}}


# Every answer, from server.observability.RequestLog.
EVERY_ANSWER = {
    "X-Request-ID": _header("This request's id, as sent (1..64 printable characters) or made up; in the server log"),
    "X-Palaute-Protocol": _header("The protocol's major version"),
}
RETRY_AFTER = {"Retry-After": _header("Seconds to wait before trying again")}
# The error answers' own headers, for server.api.deps.ERRORS.
ERROR_HEADERS = {
    401: {"WWW-Authenticate": _header('The schemes accepted, e.g. `DPoP algs="ES256", Bearer`')},
    429: RETRY_AFTER,
    503: RETRY_AFTER,
}


def install(app: FastAPI) -> None:
    """Add EVERY_ANSWER to each response of each operation of the generated document."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            for operations in document.get("paths", {}).values():
                for operation in operations.values():
                    for response in operation.get("responses", {}).values():
                        response["headers"] = {**EVERY_ANSWER, **response.get("headers", {})}
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
