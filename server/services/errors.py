"""Typed service errors; the API turns each into one HTTP status and error code."""

from __future__ import annotations


class ServiceError(Exception):
    code = "error"
    http_status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ServiceError):
    """Missing, or not visible to the actor (the two look the same so ids do not leak)."""

    code = "not_found"
    http_status = 404


class Forbidden(ServiceError):
    code = "forbidden"
    http_status = 403


class Invalid(ServiceError):
    code = "invalid"
    http_status = 422


class Conflict(ServiceError):
    """The object changed meanwhile (or an id is reused for other content); `current` is its state now."""

    code = "conflict"
    http_status = 409

    def __init__(self, message: str, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current


class IdTaken(Conflict):
    code = "id_taken"
