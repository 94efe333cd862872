"""Errors the web page shows as a page in words (404, 403, 400) instead of a bare status code."""

from __future__ import annotations


class WebError(Exception):
    """Raised by a web route or the backend adapter; rendered by the router as an error page."""

    def __init__(self, status_code: int, heading: str, message: str) -> None:
        super().__init__(message)
        self.status_code, self.heading, self.message = status_code, heading, message


def not_found(what: str = "page") -> WebError:
    return WebError(
        404,
        f"This {what} does not exist",
        f"We could not find this {what}. It may have been deleted, or the address may be mistyped.",
    )


def forbidden(message: str) -> WebError:
    return WebError(403, "You do not have access to this", message)


def bad_form(message: str) -> WebError:
    return WebError(400, "That did not work", message)


CSRF_REFUSED = WebError(
    403,
    "This form has expired",
    "The form was not sent from a page of this site, or it was open for too long. "
    "Go back, reload the page and try again.",
)
