"""The web page's own static files (a stylesheet and an icon), served with a content hash as ETag."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import APIRouter, Request
from starlette.responses import Response

from server.web.errors import not_found
from server.web.routing import WebRoute

router = APIRouter(route_class=WebRoute)

STATIC_DIR = Path(__file__).with_name("static")
TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".js": "text/javascript; charset=utf-8"}


def _load() -> dict[str, tuple[bytes, str, str]]:
    files = {}
    for path in STATIC_DIR.iterdir():
        if path.suffix in TYPES:
            body = path.read_bytes()
            files[path.name] = (body, TYPES[path.suffix], '"' + hashlib.sha256(body).hexdigest()[:16] + '"')
    return files


FILES = _load()


@router.get("/static/{name}")
def static_file(name: str, request: Request) -> Response:
    if name not in FILES:  # a fixed set read at start: no path from the request ever reaches the disk
        raise not_found("file")
    body, media_type, etag = FILES[name]
    headers = {"ETag": etag, "Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)
