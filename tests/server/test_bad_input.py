"""Bad input: oversized, malformed, wrong types, hostile text. Always a 4xx with a clear message, and
nothing stored half-way."""

from __future__ import annotations

import json

from protocol import schema
from tests.server.conftest import create_mutation

HOSTILE = [
    "'; DROP TABLE insights; --",
    "Robert'); DELETE FROM users WHERE ('1'='1",
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)"> & &amp; "quotes"',
    "%s %d {0} ${x} \\x00 \\\\",
]


def stored_count(api, account) -> int:
    return api.client.get("/api/v1/sync/summary", headers=account.headers).json()["insights"]


def raw_push(api, account, content: bytes | str, content_type="application/json"):
    return api.client.post(
        "/api/v1/sync/push", content=content, headers={**account.headers, "Content-Type": content_type}
    )


def test_hostile_text_in_every_field_is_stored_verbatim(api):
    rep = api.user("rita")
    product = api.user("paula", "product", communities=["payments"])
    for n, text in enumerate(HOSTILE, start=1):
        insight = api.create(rep, n, text=text, customer_ref=text[:100], tags=[text[:40]])
        assert (insight["text"], insight["customer_ref"], insight["tags"]) == (text, text[:100], [text[:40]])
        reply = api.client.post(
            f"/api/v1/insights/{insight['id']}/replies", json={"body": text}, headers=product.headers
        )
        assert reply.status_code == 201 and reply.json()["body"] == text
        found = api.client.get("/api/v1/insights", params={"q": text[:30]}, headers=product.headers)
        assert found.status_code == 200
    assert stored_count(api, rep) == len(HOSTILE)
    assert (
        api.client.post("/api/v1/auth/login", json={"username": HOSTILE[1], "password": HOSTILE[0]}).status_code == 401
    )
    assert api.client.get("/api/v1/me", headers=product.headers).status_code == 200  # users table intact


def test_malformed_json_is_400(api):
    rep = api.user("rita")
    for body in (b"{", b'{"mutations": [}', b"\xff\xfe", b"not json"):
        answer = raw_push(api, rep, body)
        assert answer.status_code == 400, body
        assert answer.json()["error"] == "malformed_json"
    assert stored_count(api, rep) == 0


WRONG_FIELDS = [
    ({"text": 123}, "text"),
    ({"text": ""}, "text"),
    ({"text": "\x00\x01\x02"}, "text"),
    ({"impact": "catastrophic"}, "impact"),
    ({"tags": "not-a-list"}, "tags"),
    ({"tags": ["x"] * 21}, "tags"),
    ({"tags": ["y" * 41]}, "tags"),
    ({"customer_ref": "c" * 101}, "customer_ref"),
    ({"id": "not-a-uuid"}, "id"),
    ({"created_at": "2026-01-01T10:00:00"}, "created_at"),
    ({"created_at": "yesterday"}, "created_at"),
    ({"community": "Payments; DROP"}, "community"),
    ({"unexpected": True}, "unexpected"),
]


def test_wrong_types_are_422_naming_the_field_and_store_nothing(api):
    rep = api.user("rita")
    for change, where in WRONG_FIELDS:
        good = create_mutation(1)
        bad = create_mutation(2, **change)
        answer = api.push(rep, good, bad, expect=422)
        assert answer["error"] == "invalid" and where in answer["message"], change
        assert any(where in ".".join(d["loc"]) for d in answer["details"]), change
    assert stored_count(api, rep) == 0  # the valid first items were not applied either


def test_unpaired_surrogate_is_refused(api):
    rep = api.user("rita")
    mutation = create_mutation(1)
    body = json.dumps({"mutations": [mutation]}).replace(mutation["insight"]["text"], "bad \\ud800 text")
    answer = raw_push(api, rep, body)
    assert answer.status_code == 422 and "surrogate" in answer.json()["message"]


def test_wrong_shapes_for_every_other_body(api):
    rep = api.user("rita")
    insight = api.create(rep, 1)
    cases = [
        ("/api/v1/auth/login", {"username": "rita"}),
        ("/api/v1/auth/login", {"username": "rita", "password": "x", "admin": True}),
        ("/api/v1/auth/refresh", {"refresh_token": ["a"]}),
        (f"/api/v1/insights/{insight['id']}/replies", {"body": ""}),
        (f"/api/v1/insights/{insight['id']}/replies", {"body": "x" * (schema.MAX_REPLY_CHARS + 1)}),
        (f"/api/v1/insights/{insight['id']}/status", {"status": "DONE"}),
        (f"/api/v1/insights/{insight['id']}/duplicate", {"original_id": 5}),
        ("/api/v1/sync/push", {"mutations": []}),
        ("/api/v1/sync/push", {"mutations": [{"type": "delete", "number": 1}]}),
        ("/api/v1/sync/push", {"mutations": [{**create_mutation(1), "number": 0}]}),
        ("/api/v1/sync/push", {"mutations": [{**create_mutation(1), "number": 2**70}]}),
        ("/api/v1/sync/push", {"protocol": 99, "mutations": [create_mutation(1)]}),
    ]
    for path, body in cases:
        answer = api.client.post(path, json=body, headers=rep.headers)
        assert answer.status_code == 422, (path, body, answer.text)
        assert answer.json()["message"], (path, body)
    for params in ({"wait": 99}, {"limit": 0}, {"limit": "many"}, {"cursor": "x" * 200}):
        answer = api.client.get("/api/v1/sync/changes", params=params, headers=rep.headers)
        assert answer.status_code == 422, params
    assert stored_count(api, rep) == 1


def test_oversized_bodies_and_batches_are_413(api):
    rep = api.user("rita")
    too_many = {"mutations": [create_mutation(n) for n in range(1, schema.MAX_BATCH_MUTATIONS + 2)]}
    answer = api.client.post("/api/v1/sync/push", json=too_many, headers=rep.headers)
    assert answer.status_code == 413 and answer.json()["error"] == "too_large"
    huge = b'{"mutations": [' + b" " * schema.MAX_PUSH_BYTES + b"]}"
    assert raw_push(api, rep, huge).status_code == 413

    def chunks():  # no Content-Length: counted while streaming
        yield b'{"mutations": ['
        for _ in range(schema.MAX_PUSH_BYTES // 65536 + 1):
            yield b" " * 65536
        yield b"]}"

    answer = api.client.post(
        "/api/v1/sync/push", content=chunks(), headers={**rep.headers, "Content-Type": "application/json"}
    )
    assert answer.status_code == 413
    big_reply = {"body": "x" * schema.MAX_BODY_BYTES}
    assert api.client.post("/api/v1/auth/login", json=big_reply).status_code == 413
    assert stored_count(api, rep) == 0


def test_unknown_paths_and_methods(api):
    rep = api.user("rita")
    assert api.client.get("/api/v1/nothing", headers=rep.headers).json()["error"] == "not_found"
    assert api.client.delete("/api/v1/sync/push", headers=rep.headers).status_code == 405
    assert api.client.get("/api/v1/insights/../../etc/passwd", headers=rep.headers).status_code == 404


def test_a_405_allows_every_method_of_the_path(api):
    rep = api.user("rita")
    # Joining and leaving a community are two routes on one path: the answer names both.
    for method in ("PATCH", "OPTIONS", "POST"):
        answer = api.client.request(method, "/api/v1/me/communities/payments", headers=rep.headers)
        assert answer.status_code == 405 and answer.json()["error"] == "method_not_allowed"
        assert answer.headers["Allow"] == "PUT, DELETE"
    assert api.client.delete("/api/v1/sync/push", headers=rep.headers).headers["Allow"] == "POST"
    assert api.client.post("/api/v1/me", headers=rep.headers).headers["Allow"] == "GET"


def test_nul_and_other_malformed_ids_and_slugs_are_422_on_every_backend(api):
    # PostgreSQL cannot compare text holding NUL: such a value never reaches the database (it made a 500 there).
    rep = api.user("rita", communities=["payments"])
    for path, params in [
        ("/api/v1/insights", {"community": "pay\x00"}),
        ("/api/v1/insights", {"product_area": "\x00"}),
        ("/api/v1/digest", {"community": "\x00"}),
        ("/api/v1/insights/%00", {}),
        ("/api/v1/insights/not-a-uuid/same-heres", {}),
    ]:
        answer = api.client.get(path, params=params, headers=rep.headers)
        assert answer.status_code == 422 and answer.json()["error"] == "invalid", (path, params, answer.text)
    assert api.client.put("/api/v1/me/communities/pay%00", headers=rep.headers).status_code == 422
    assert api.client.get("/api/v1/insights", params={"q": "\x00"}, headers=rep.headers).status_code == 200
    # Either case of a UUID finds the insight, as in a push.
    created = api.create(rep, 1)
    found = api.client.get(f"/api/v1/insights/{created['id'].upper()}", headers=rep.headers)
    assert found.status_code == 200 and found.json()["insight"]["id"] == created["id"]
