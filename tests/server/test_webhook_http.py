"""The delivery worker's HTTP client against raw loopback servers: kept-alive connections, the answers a
receiver may give, a connection the receiver closed while idle, and timeouts."""

from __future__ import annotations

import asyncio

import pytest

from server.webhook_http import Sender, SendError


async def serve(answers: list[bytes], *, close_after: int | None = None):
    """A server that answers each request with the next of `answers`; returns (url, seen connections)."""
    connections: list[int] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        served = 0
        try:
            while close_after is None or served < close_after:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                )
                await reader.readexactly(length)
                writer.write(answers.pop(0))
                await writer.drain()
                served += 1
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the sender closed the connection
        finally:
            writer.close()
            await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}/hook?x=1", connections


def run(coroutine):
    return asyncio.run(coroutine)


def test_one_connection_serves_many_posts_and_answers_are_read_whole():
    async def go():
        answers = [
            b"HTTP/1.1 204 No Content\r\n\r\n",
            b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nfine!",
            b"HTTP/1.1 500 Oops\r\ntransfer-encoding: chunked\r\n\r\n3\r\nbad\r\n0\r\n\r\n",
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\ncontent-length: 0\r\n\r\n",
        ]
        server, url, connections = await serve(answers)
        sender = Sender(timeout=5)
        got = [await sender.post(url, b'{"a":1}', {"webhook-id": "msg_1"}) for _ in range(4)]
        sender.close()
        server.close()
        return got, len(connections)

    assert run(go()) == ([204, 200, 500, 202], 1)


def test_an_idle_connection_the_receiver_closed_is_replaced_without_losing_the_message():
    async def go():
        answers = [b"HTTP/1.1 204 No Content\r\n\r\n"] * 2
        server, url, connections = await serve(answers, close_after=1)
        sender = Sender(timeout=5)
        first = await sender.post(url, b"{}", {})
        await asyncio.sleep(0.1)  # the receiver has closed the kept-alive connection meanwhile
        second = await sender.post(url, b"{}", {})
        sender.close()
        server.close()
        return first, second, len(connections)

    assert run(go()) == (204, 204, 2)


def test_an_answer_ended_by_closing_the_connection_and_connection_close():
    async def go():
        server, url, connections = await serve([b"HTTP/1.1 200 OK\r\n\r\nbody until the end"], close_after=1)
        sender = Sender(timeout=5)
        status = await sender.post(url, b"{}", {})
        server.close()
        server, url, connections = await serve([b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n"] * 2)
        statuses = [await sender.post(url, b"{}", {}) for _ in range(2)]
        sender.close()
        server.close()
        return status, statuses, len(connections)

    assert run(go()) == (200, [204, 204], 2)


def test_a_receiver_that_does_not_answer_times_out_and_a_closed_port_is_a_send_error():
    async def go():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(asyncio.Protocol, "127.0.0.1", 0)  # accepts, reads, never answers
        port = server.sockets[0].getsockname()[1]
        sender = Sender(timeout=0.3)
        with pytest.raises(TimeoutError):
            await sender.post(f"http://127.0.0.1:{port}/slow", b"{}", {})
        server.close()
        await server.wait_closed()
        with pytest.raises(SendError):
            await sender.post(f"http://127.0.0.1:{port}/gone", b"{}", {})
        with pytest.raises(SendError):
            await sender.post("ftp://127.0.0.1/x", b"{}", {})

    run(go())


def test_the_admins_test_message_goes_through_the_same_client_signed():
    from types import SimpleNamespace

    from server.delivery import send_test
    from server.services import webhooks
    from tests.support.webhook_receiver import Receiver

    secret = webhooks.new_secret()
    with Receiver(secret) as receiver:
        hook = SimpleNamespace(id=7, kind="standard", url=receiver.url, secret=webhooks.seal(secret, "master"))
        said = send_test(hook, "master", timeout=5)
        got = receiver.wait_for(1, timeout=10)
    assert said.startswith("delivered: HTTP 204 (msg_")
    assert [m.type for m in got] == ["webhook.test"] and receiver.bad_signatures == 0
    gone = SimpleNamespace(id=8, kind="standard", url="http://127.0.0.1:9/x", secret=webhooks.seal(secret, "master"))
    assert send_test(gone, "master", timeout=5).startswith("failed: ")
