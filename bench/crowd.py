"""A crowd of signed-in reps for the long-poll benchmarks, and a small asyncio client that keeps thousands of
long-polls open with little CPU of its own (so the figures are the server's, not the client's)."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import secrets
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode, urlsplit

from sqlalchemy import insert, select

from server import security
from server.db import Database
from server.migrate import upgrade
from server.models import Community, Device, Token, User, user_communities


def run(coroutine):
    """asyncio.run on uvloop where installed (the server's loop too): the client must not be the bottleneck."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coroutine)


def raise_fd_limit(wanted: int = 20_000) -> int:
    """Raise this process's soft limit on open files (children inherit it); returns the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def make_reps(url: str, prefix: str, count: int, community: str) -> list[str]:
    """`count` reps in `community`, each with a device and an access token (returned), inserted in bulk: the
    benchmarks measure waiting and waking, not signing in."""
    security.configure(1, 1024)
    db = Database(url)
    upgrade(db)
    password = security.hash_password(secrets.token_urlsafe(12))
    now = datetime.now(UTC)
    tokens = [security.new_token() for _ in range(count)]
    with db.write() as session:
        community_id = session.scalar(select(Community.id).where(Community.slug == community))
        names = [f"{prefix}{n}" for n in range(count)]
        conn = session.connection()
        conn.execute(insert(User), [dict(name=n, role="rep", password_hash=password, created_at=now) for n in names])
        ids = dict(session.execute(select(User.name, User.id).where(User.name.in_(names))).all())
        conn.execute(insert(user_communities), [dict(user_id=ids[n], community_id=community_id) for n in names])
        devices = [str(uuid.uuid4()) for _ in names]
        conn.execute(
            insert(Device),
            [
                dict(id=d, user_id=ids[n], name="bench", last_mutation=0, created_at=now)
                for d, n in zip(devices, names, strict=True)
            ],
        )
        conn.execute(
            insert(Token),
            [
                dict(
                    device_id=d,
                    kind="access",
                    token_hash=security.token_hash(t),
                    expires_at=now + timedelta(hours=2),
                    pair=uuid.uuid4().hex,
                    revoked=False,
                )
                for d, t in zip(devices, tokens, strict=True)
            ],
        )
    db.dispose()
    return tokens


def insight_mutation(number: int, community: str, text: str = "Customer could not pay a bill abroad.") -> dict:
    return {
        "type": "create",
        "number": number,
        "id": str(uuid.uuid4()),
        "insight": {
            "id": str(uuid.uuid4()),
            "text": text,
            "community": community,
            "impact": "high",
            "tags": ["bench"],
            "created_at": datetime.now(UTC).isoformat(),
        },
    }


@dataclass
class Poller:
    """One rep's keep-alive connection, pulling again as soon as an answer arrives (as the desktop does)."""

    base: str
    token: str
    cursor: str = ""
    answers: list[tuple[float, dict]] = field(default_factory=list)  # (monotonic time received, body)
    _reader: asyncio.StreamReader | None = None
    _writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        parts = urlsplit(self.base)
        self._reader, self._writer = await asyncio.open_connection(parts.hostname, parts.port, limit=2**20)

    async def get(self, wait: float) -> dict:
        query = urlencode({"cursor": self.cursor, "wait": wait, "limit": 1000})
        host = urlsplit(self.base).netloc
        self._writer.write(
            f"GET /api/v1/sync/changes?{query} HTTP/1.1\r\nHost: {host}\r\n"
            f"Authorization: Bearer {self.token}\r\n\r\n".encode()
        )
        head = await self._reader.readuntil(b"\r\n\r\n")
        received = time.monotonic()  # before parsing: the client's own work is not the server's latency
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        body = await self._reader.readexactly(length)
        if status != 200:
            raise RuntimeError(f"pull answered {status}: {body[:200]!r}")
        page = json.loads(body)
        self.answers.append((received, page))
        self.cursor = page["cursor"]
        return page

    async def keep_polling(self, wait: float) -> None:
        while True:
            await self.get(wait)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


async def start_pollers(base: str, tokens: list[str], wait: float, concurrency: int = 200):
    """Connect every rep (at most `concurrency` at a time) and leave each in a long-poll loop from the start of
    the feed; returns (pollers, tasks)."""
    pollers = [Poller(base, token) for token in tokens]
    gate = asyncio.Semaphore(concurrency)

    async def connect(poller: Poller) -> None:
        async with gate:
            await poller.connect()

    await asyncio.gather(*(connect(p) for p in pollers))
    return pollers, [asyncio.create_task(p.keep_polling(wait)) for p in pollers]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children that were waited for."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def settled(pids: list[int], quiet: float = 0.05, window: float = 0.5, timeout: float = 120) -> None:
    """Wait until these processes use less than `quiet` of a core over `window` seconds (all polls waiting)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = sum(cpu_seconds(p) for p in pids)
        await asyncio.sleep(window)
        if sum(cpu_seconds(p) for p in pids) - before < quiet * window:
            return
    raise RuntimeError("the server never settled")
