"""The OpenAPI document names the headers the server sends (the schemathesis run checks every answer against it)."""

from __future__ import annotations


def test_every_answer_documents_the_headers_middleware_adds(app, client):
    document = app.openapi()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                headers = response.get("headers", {})
                assert {"X-Request-ID", "X-Palaute-Protocol"} <= headers.keys(), (method, path, status)
                if status == "401":
                    assert headers["WWW-Authenticate"]["required"], (method, path)
                if status in ("429", "503"):
                    assert headers["Retry-After"]["required"], (method, path)
    answer = client.get("/api/v1/health")
    assert answer.headers["X-Palaute-Protocol"] == document["info"]["version"] and answer.headers["X-Request-ID"]


def test_every_401_names_the_schemes(api):
    rep = api.user("rita")
    refusals = [
        api.client.get("/api/v1/me"),
        api.client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}),
        api.client.get("/api/v1/me", headers={"Authorization": f"DPoP {rep.tokens['access_token']}"}),
        api.client.post("/api/v1/auth/login", json={"username": "rita", "password": "wrong"}),
        api.client.post("/api/v1/auth/refresh", json={"refresh_token": "nope"}),
    ]
    for answer in refusals:
        assert answer.status_code == 401 and "DPoP" in answer.headers["WWW-Authenticate"], answer.text
