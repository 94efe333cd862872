"""The FastAPI application: `create_app(settings)` builds it; `app_from_env()` is the uvicorn factory."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from types import FrameType

import anyio.to_thread
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from privacy.files import private_dir
from protocol import schema
from server import delivery as webhook_delivery, orphan_watch, proofs, recount, security
from server.api import analytics, auth, digest, document, errors, hooks, insights, links, meta, sso, sync
from server.config import Settings
from server.db import THREADS, Database
from server.limits import BodyLimit, RateLimiter
from server.longpoll.hub import Hub
from server.longpoll.sources import source_for
from server.migrate import upgrade
from server.observability import RequestLog, setup_logging
from server.services import changes, delivery, outbox
from server.sso import people
from server.sso.oidc import OidcClient

ACK_WRITE_SECONDS = 2.0  # how often the feed positions pulls acknowledged are written (services/delivery.py)


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
    outbox.public_url[0] = settings.public_url

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        # One hub per run of the app's event loop (test clients may start several in turn).
        app.state.hub = hub = Hub(lambda after, upto: run_in_threadpool(_load_range, db, after, upto))
        hub.start()
        source = source_for(db, hub, settings.feed_watch_interval)
        await source.start()
        restore = _answer_long_polls_on_stop(hub)
        acks_writer = asyncio.create_task(_write_acks_every(db, app.state.acks, ACK_WRITE_SECONDS))
        orphan_watch_task = asyncio.create_task(orphan_watch.stop_when_orphaned())
        # Webhooks go out from the delivery process `serve` starts beside the workers (server/delivery_child.py),
        # unless this setting asks for a thread here (tests' in-process apps).
        in_thread = settings.webhook_delivery == "thread"
        deliverer = webhook_delivery.Deliverer(db, settings) if in_thread else None
        if deliverer is not None:
            deliverer.start()
        recounter = recount.Recounter(db, settings.analytics_recount_interval) if settings.analytics_recount else None
        if recounter is not None:
            recounter.start()
        app.state.recounter = recounter
        try:
            yield
        finally:
            restore()
            acks_writer.cancel()
            orphan_watch_task.cancel()
            with contextlib.suppress(Exception):  # stopping: a database already gone loses a few seconds' acks
                await run_in_threadpool(_write_acks, db, app.state.acks)
            if deliverer is not None:
                deliverer.stop()
            if recounter is not None:
                await run_in_threadpool(recounter.stop)
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
    app.state.acks = delivery.Acks()
    errors.install(app)
    app.state.oidc = OidcClient(settings) if settings.sso_enabled else None
    app.state.sso_check = people.refresh_check(settings)  # web sessions of organisation accounts
    document.install(app)
    for router in (
        auth.router,
        sso.router,
        auth.me_router,
        sync.router,
        insights.router,
        links.router,
        digest.router,
        analytics.router,
        meta.router,
        hooks.router,
    ):
        app.include_router(router, prefix=schema.API_PREFIX)
    from server.web import router as web_router  # the product team's page (its own package)

    app.include_router(web_router)
    # Outermost first: request ids and logs see everything, including 413s.
    app.add_middleware(BodyLimit)
    app.add_middleware(RequestLog)
    return app


def _answer_long_polls_on_stop(hub: Hub) -> Callable[[], None]:
    """On SIGTERM/SIGINT, answer the waiting long-polls before the server's graceful stop waits for them (it
    would wait its timeout, then cut them off). Chains the server's own handler; returns the undo."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None  # an in-process test client: no signals to hear
    loop = asyncio.get_running_loop()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def stopping(sig: int, frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(hub.close)
        handler = previous[signal.Signals(sig)]
        if callable(handler):
            handler(sig, frame)

    for sig in previous:
        signal.signal(sig, stopping)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


async def _write_acks_every(db: Database, acks: delivery.Acks, seconds: float) -> None:
    while True:
        await asyncio.sleep(seconds)
        try:
            await run_in_threadpool(_write_acks, db, acks)
        except Exception:  # a database hiccup must not end the writer; the next round writes what is newer
            logging.getLogger("palaute.server").warning("could not record pulled feed positions", exc_info=True)


def _write_acks(db: Database, acks: delivery.Acks) -> None:
    taken = acks.take()
    if taken:
        with db.write() as session:
            delivery.record(session, taken)


def _load_range(db: Database, after: int, upto: int) -> changes.Batch:
    with db.read() as session:
        return changes.load_range(session, after, upto)


def app_from_env() -> FastAPI:
    """uvicorn factory for multi-worker serving: settings come from PALAUTE_SERVER_* variables."""
    app = create_app(Settings(), migrate=False)
    _freeze_what_lasts()
    return app


def _freeze_what_lasts() -> None:
    """Move everything built so far (modules, routes, schemas: objects that live as long as the process) out of
    the cyclic garbage collector's sight. Its full passes then walk only what requests create, instead of
    hundreds of thousands of long-lived objects each time: with thousands of long-polls, one such pass in the
    middle of a wake-up delayed every answer behind it."""
    gc.collect()
    gc.freeze()
