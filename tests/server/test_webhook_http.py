"""The delivery worker's HTTP client (aiohttp, set up in server/webhook_client.py) against raw loopback
servers: kept-alive connections counted on the receiver's side, the answers a receiver may give, a
connection the receiver closed, redirects, TLS verification, timeouts and refused connections."""

from __future__ import annotations

import asyncio
import ssl
import subprocess

import pytest

from server import webhook_client
from server.webhook_client import Sender, SendError


async def serve(answers: list[bytes], *, close_after: int | None = None, hang_up_on: int | None = None, tls=None):
    """A server that answers each request with the next of `answers`; returns (server, url, seen connections).
    `close_after`: each connection serves that many requests, then the server closes it. `hang_up_on`: the
    server reads that request (counted over all connections, from 1) and closes its connection unanswered."""
    connections: list[int] = []
    requests: list[bytes] = []

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
                requests.append(head)
                if len(requests) == hang_up_on:
                    break
                writer.write(answers.pop(0))
                await writer.drain()
                served += 1
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the sender closed the connection
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except ConnectionError:
                pass

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=tls)
    port = server.sockets[0].getsockname()[1]
    scheme = "https" if tls else "http"
    server.requests = requests
    return server, f"{scheme}://127.0.0.1:{port}/hook?x=1", connections


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
        await sender.close()
        server.close()
        head = server.requests[0].decode().lower()
        return got, len(connections), head

    got, connections, head = run(go())
    assert (got, connections) == ([204, 200, 500, 202], 1)
    assert head.startswith("post /hook?x=1 http/1.1\r\n") and "webhook-id: msg_1" in head
    assert "user-agent: palaute-webhooks/1" in head and "content-length: 7" in head


def test_an_answer_far_longer_than_the_cap_is_not_read_and_its_connection_is_not_reused():
    # Far longer: aiohttp buffers up to about twice its read size before it stops reading the socket, and an
    # answer that fits there whole ends normally (its connection goes back to the pool).
    big = b"x" * (64 * webhook_client.BODY_CAP)

    async def go():
        answers = [
            b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n%s" % (len(big), big),
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (len(big), big),
            b"HTTP/1.1 204 No Content\r\n\r\n",
        ]
        server, url, connections = await serve(answers)
        sender = Sender(timeout=5)
        got = [await sender.post(url, b"{}", {}) for _ in range(3)]
        await sender.close()
        server.close()
        return got, len(connections)

    assert run(go()) == ([200, 200, 204], 3)


def test_an_idle_connection_the_receiver_closed_is_replaced_without_losing_the_message():
    async def go():
        answers = [b"HTTP/1.1 204 No Content\r\n\r\n"] * 2
        server, url, connections = await serve(answers, close_after=1)
        sender = Sender(timeout=5)
        first = await sender.post(url, b"{}", {})
        await asyncio.sleep(0.1)  # the receiver has closed the kept-alive connection meanwhile
        second = await sender.post(url, b"{}", {})
        await sender.close()
        server.close()
        return first, second, len(connections)

    assert run(go()) == (204, 204, 2)


def test_a_kept_alive_connection_closed_as_the_message_was_sent_is_resent_once_on_a_new_one():
    async def go():
        server, url, connections = await serve([b"HTTP/1.1 204 No Content\r\n\r\n"] * 2, hang_up_on=2)
        sender = Sender(timeout=5)
        statuses = [await sender.post(url, b"{}", {}) for _ in range(2)]
        await sender.close()
        server.close()
        # A new connection closed without an answer is not sent again: the receiver may have taken it.
        server, url, fresh = await serve([], hang_up_on=1)
        sender = Sender(timeout=5)
        with pytest.raises(SendError, match="ServerDisconnected"):
            await sender.post(url, b"{}", {})
        await sender.close()
        server.close()
        return statuses, len(connections), len(server.requests), len(fresh)

    assert run(go()) == ([204, 204], 2, 1, 1)


def test_connections_idle_longer_than_the_keep_alive_limit_are_not_reused(monkeypatch):
    monkeypatch.setattr(webhook_client, "IDLE_FOR", 0.2)

    async def go():
        server, url, connections = await serve([b"HTTP/1.1 204 No Content\r\n\r\n"] * 3)
        sender = Sender(timeout=5)
        statuses = [await sender.post(url, b"{}", {}) for _ in range(2)]
        reused = len(connections)
        await asyncio.sleep(0.5)
        statuses.append(await sender.post(url, b"{}", {}))
        await sender.close()
        server.close()
        return statuses, reused, len(connections)

    assert run(go()) == ([204, 204, 204], 1, 2)


def test_an_answer_ended_by_closing_the_connection_and_connection_close():
    async def go():
        server, url, connections = await serve([b"HTTP/1.1 200 OK\r\n\r\nbody until the end"], close_after=1)
        sender = Sender(timeout=5)
        status = await sender.post(url, b"{}", {})
        server.close()
        server, url, connections = await serve([b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n"] * 2)
        statuses = [await sender.post(url, b"{}", {}) for _ in range(2)]
        await sender.close()
        server.close()
        return status, statuses, len(connections)

    assert run(go()) == (200, [204, 204], 2)


def test_a_redirect_is_not_followed():
    async def go():
        target, target_url, reached = await serve([b"HTTP/1.1 204 No Content\r\n\r\n"])
        answers = [
            b"HTTP/1.1 307 Temporary Redirect\r\nlocation: %s\r\ncontent-length: 0\r\n\r\n" % target_url.encode(),
            b"HTTP/1.1 301 Moved Permanently\r\nlocation: %s\r\ncontent-length: 0\r\n\r\n" % target_url.encode(),
        ]
        server, url, _ = await serve(answers)
        sender = Sender(timeout=5)
        statuses = [await sender.post(url, b"{}", {}) for _ in range(2)]
        await sender.close()
        server.close()
        target.close()
        return statuses, len(reached)

    assert run(go()) == ([307, 301], 0)


def test_a_receiver_whose_certificate_is_not_trusted_is_refused_in_words(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=palaute-test"),
            *("-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    async def go():
        server, url, _ = await serve([b"HTTP/1.1 204 No Content\r\n\r\n"], tls=context)
        sender = Sender(timeout=5)
        with pytest.raises(SendError, match=r"TLS certificate not trusted: .*self.signed certificate"):
            await sender.post(url, b"{}", {})
        await sender.close()
        server.close()
        return server.requests

    assert run(go()) == []  # nothing was sent over the untrusted connection


def test_a_receiver_that_does_not_answer_times_out_and_a_closed_port_is_a_send_error():
    async def go():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(asyncio.Protocol, "127.0.0.1", 0)  # accepts, reads, never answers
        port = server.sockets[0].getsockname()[1]
        sender = Sender(timeout=0.3)
        started = loop.time()
        with pytest.raises(TimeoutError):
            await sender.post(f"http://127.0.0.1:{port}/slow", b"{}", {})
        took = loop.time() - started
        server.close()
        await server.wait_closed()
        with pytest.raises(SendError, match="ClientConnectorError"):
            await sender.post(f"http://127.0.0.1:{port}/gone", b"{}", {})
        with pytest.raises(SendError, match="not an http"):
            await sender.post("ftp://127.0.0.1/x", b"{}", {})
        await sender.close()
        return took

    assert 0.25 < run(go()) < 2


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
