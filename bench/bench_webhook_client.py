"""CPU per webhook POST in the sending thread: the worker's client (aiohttp, server/webhook_client.py) and httpx.

A loop of POSTs (a 400-byte signed-looking message) to a loopback receiver in a process of its own, which
answers `204` at once, 1 and 16 in flight, on uvloop where there is one; three rounds each after a warm-up.
Not part of `make bench`: docs/integrations.md quotes it for the choice of client.
`python -m bench.bench_webhook_client [--posts N]`
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

BODY = b'{"type":"insight.created","timestamp":"2026-12-05T17:00:00Z","data":{"id":123,"title":"%s"}}' % (b"x" * 300)
HEADERS = {
    "content-type": "application/json",
    "webhook-id": "msg_2abc",
    "webhook-timestamp": "1796000000",
    "webhook-signature": "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
}


def _receiver(ports: multiprocessing.Queue) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lengths = [line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")]
                await reader.readexactly(int(lengths[0].split(b":")[1]))
                writer.write(b"HTTP/1.1 204 No Content\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        ports.put(server.sockets[0].getsockname()[1])
        await asyncio.Event().wait()

    _run(main())


def _run(coroutine: Awaitable[object]) -> object:
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)  # type: ignore[arg-type]
    return uvloop.run(coroutine)


async def _client(kind: str, in_flight: int) -> tuple[Callable[[str], Awaitable[int]], Callable[[], Awaitable[None]]]:
    if kind == "aiohttp":
        from server.webhook_client import Sender

        sender = Sender(10, connections=in_flight)
        return (lambda url: sender.post(url, BODY, HEADERS)), sender.close
    import httpx

    client = httpx.AsyncClient(timeout=10, limits=httpx.Limits(max_connections=in_flight))

    async def post(url: str) -> int:
        return (await client.post(url, content=BODY, headers=HEADERS)).status_code

    return post, client.aclose


async def _measure(kind: str, url: str, posts: int, in_flight: int) -> tuple[float, float]:
    post, close = await _client(kind, in_flight)

    async def worker(count: int) -> None:
        for _ in range(count):
            assert await post(url) == 204

    await asyncio.gather(*(worker(50) for _ in range(in_flight)))  # warm up: connections open
    started, cpu = time.monotonic(), time.thread_time()
    await asyncio.gather(*(worker(posts // in_flight) for _ in range(in_flight)))
    cpu, wall = time.thread_time() - cpu, time.monotonic() - started
    await close()
    return cpu / posts * 1000, posts / wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=2000)
    posts = parser.parse_args().posts
    ports: multiprocessing.Queue = multiprocessing.Queue()
    receiver = multiprocessing.Process(target=_receiver, args=(ports,), daemon=True)
    receiver.start()
    url = f"http://127.0.0.1:{ports.get()}/hook"
    try:
        for kind in ("aiohttp", "httpx"):
            for in_flight in (1, 16):
                for _ in range(3):
                    ms, rate = _run(_measure(kind, url, posts, in_flight))  # type: ignore[misc]
                    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
                    print(f"{kind:8} {in_flight:2} in flight: {ms:.3f} ms CPU/post, {rate:.0f}/s (load {load})")
    finally:
        receiver.terminate()


if __name__ == "__main__":
    main()
