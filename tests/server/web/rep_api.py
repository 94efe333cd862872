"""A representative's side of the sync API, as the desktop app uses it: sign in, push insights, read back."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta

import requests

from protocol import schema

API = schema.API_PREFIX


class RepClient:
    """Signs in once and pushes `create` mutations with increasing per-device numbers."""

    def __init__(self, base_url: str, name: str, password: str) -> None:
        self.base_url, self.http = base_url, requests.Session()
        answer = self.http.post(
            f"{base_url}{API}/auth/login",
            timeout=10,
            json={"username": name, "password": password, "device_name": "web-tests"},
        )
        answer.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
        self._numbers = itertools.count(1)

    def push(
        self,
        text: str,
        community: str,
        impact: str = "medium",
        product_area: str | None = None,
        customer_ref: str | None = None,
        tags: tuple[str, ...] = (),
        age_days: float = 0.0,
    ) -> str:
        """Create one insight through the sync API; returns its id."""
        created = datetime.now(UTC) - timedelta(days=age_days)
        draft = {
            "id": str(uuid.uuid4()),
            "text": text,
            "community": community,
            "product_area": product_area,
            "customer_ref": customer_ref,
            "impact": impact,
            "tags": list(tags),
            "created_at": created.isoformat(),
        }
        return self.push_drafts([draft])[0]

    def push_drafts(self, drafts: list[dict]) -> list[str]:
        """Create insights in one push batch (one transaction); returns their ids."""
        mutations = [
            {"type": "create", "number": next(self._numbers), "id": str(uuid.uuid4()), "insight": d} for d in drafts
        ]
        answer = self.http.post(
            f"{self.base_url}{API}/sync/push",
            timeout=10,
            json={"protocol": schema.PROTOCOL_VERSION, "mutations": mutations},
        )
        answer.raise_for_status()
        results = answer.json()["results"]
        assert [r["status"] for r in results] == ["applied"] * len(drafts), results
        return [d["id"] for d in drafts]

    def send(self, mutation: dict) -> dict:
        """Push one mutation of another type (reply, same_here, withdraw); returns its result."""
        mutation = {"number": next(self._numbers), "id": str(uuid.uuid4()), **mutation}
        answer = self.http.post(
            f"{self.base_url}{API}/sync/push",
            timeout=10,
            json={"protocol": schema.PROTOCOL_VERSION, "mutations": [mutation]},
        )
        answer.raise_for_status()
        result = answer.json()["results"][0]
        assert result["status"] == "applied", result
        return result

    def reply(self, insight_id: str, body: str) -> None:
        now = datetime.now(UTC).isoformat()
        self.send(
            {
                "type": "reply",
                "reply": {"id": str(uuid.uuid4()), "insight_id": insight_id, "body": body, "created_at": now},
            }
        )

    def same_here(self, insight_id: str, customer_ref: str | None = None, note: str | None = None) -> None:
        draft = {"id": str(uuid.uuid4()), "insight_id": insight_id, "customer_ref": customer_ref, "note": note}
        self.send({"type": "same_here", "same_here": {**draft, "created_at": datetime.now(UTC).isoformat()}})

    def page(self, cursor: str = "") -> tuple[list[dict], str]:
        """One pull from `cursor`, as the desktop makes it: (changes, next cursor)."""
        answer = self.http.get(f"{self.base_url}{API}/sync/changes", params={"cursor": cursor, "wait": 0}, timeout=10)
        answer.raise_for_status()
        return answer.json()["changes"], answer.json()["cursor"]

    def changes(self) -> list[dict]:
        """Everything the rep's desktop would receive on a full pull (all pages)."""
        cursor, found = "", []
        while True:
            answer = self.http.get(
                f"{self.base_url}{API}/sync/changes", params={"cursor": cursor, "wait": 0}, timeout=10
            )
            answer.raise_for_status()
            body = answer.json()
            found += body["changes"]
            cursor = body["cursor"]
            if not body["has_more"]:
                return found

    def latest(self, insight_id: str) -> tuple[dict, list[dict]]:
        """The insight's newest state and its replies, as pulled by the rep's desktop."""
        insight, replies = None, {}
        for change in self.changes():
            if change["kind"] == "insight" and change["insight"]["id"] == insight_id:
                insight = change["insight"]
            elif change["kind"] == "reply" and change["reply"]["insight_id"] == insight_id:
                # A merge sends the original's thread again for its new followers; the desktop keeps one copy.
                replies.setdefault(change["reply"]["id"], change["reply"])
        assert insight is not None, f"insight {insight_id} not in the rep's feed"
        return insight, list(replies.values())
