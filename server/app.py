"""The FastAPI application: `create_app(settings)` builds it; `app_from_env()` is the uvicorn factory."""

from __future__ import annotations

import asyncio
import signal
import threading
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from privacy.files import private_dir
from protocol import schema
from server import proofs, security
from server.api import auth, digest, errors, insights, meta, sso, sync
from server.config import Settings
from server.db import THREADS, Database
from server.limits import BodyLimit, RateLimiter
from server.longpoll.hub import Hub
from server.longpoll.sources import source_for
from server.migrate import upgrade
from server.observability import RequestLog, setup_logging
from server.services import changes
from server.sso import people
from server.sso.oidc import OidcClient


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    """Build the app for one process: opens the database (migrating it unless told not to)."""
    settings = (settings or Settings()).with_dev_secret()
    setup_logging(settings.log_level)
    security.configure(settings.argon2_time_cost, settings.argon2_memory_kib)
    if settings.database_url is None:
        private_dir(settings.data_dir)
    db = Database(settings.url)
    if migrate:
        upgrade(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        # One hub per run of the app's event loop (test clients may start several in turn).
        app.state.hub = hub = Hub(lambda after, upto: run_in_threadpool(_load_range, db, after, upto))
        hub.start()
        source = source_for(db, hub, settings.feed_watch_interval)
        await source.start()
        restore = _answer_long_polls_on_stop(hub)
        try:
            yield
        finally:
            restore()
            await source.stop()
            await hub.stop()
            db.dispose()

    app = FastAPI(
        title="Palaute server",
        version=str(schema.PROTOCOL_VERSION),
        lifespan=lifespan,
        description="Sync API for the Palaute desktop app; see docs/protocol.md.",
    )
    app.state.settings = settings
    app.state.db = db
    app.state.limiter = RateLimiter()
    app.state.replays = proofs.ReplayCache()
    errors.install(app)
    app.state.oidc = OidcClient(settings) if settings.sso_enabled else None
    app.state.sso_check = people.refresh_check(settings)  # web sessions of organisation accounts
    for router in (auth.router, sso.router, auth.me_router, sync.router, insights.router, digest.router, meta.router):
        app.include_router(router, prefix=schema.API_PREFIX)
    from server.web import router as web_router  # the product team's page (its own package)

    app.include_router(web_router)
    # Outermost first: request ids and logs see everything, including 413s.
    app.add_middleware(BodyLimit)
    app.add_middleware(RequestLog)
    return app


def _answer_long_polls_on_stop(hub: Hub):
    """On SIGTERM/SIGINT, answer the waiting long-polls before the server's graceful stop waits for them (it
    would wait its timeout, then cut them off). Chains the server's own handler; returns the undo."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None  # an in-process test client: no signals to hear
    loop = asyncio.get_running_loop()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def stopping(sig, frame) -> None:
        loop.call_soon_threadsafe(hub.close)
        handler = previous[sig]
        if callable(handler):
            handler(sig, frame)

    for sig in previous:
        signal.signal(sig, stopping)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def _load_range(db: Database, after: int, upto: int) -> changes.Batch:
    with db.read() as session:
        return changes.load_range(session, after, upto)


def app_from_env() -> FastAPI:
    """uvicorn factory for multi-worker serving: settings come from PALAUTE_SERVER_* variables."""
    return create_app(Settings(), migrate=False)
