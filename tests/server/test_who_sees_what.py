"""Nothing shown to the wrong person: the digest, search and "same here" rows give a rep only what is theirs.

Every test plays the other rep as an attacker would, through the real API (SQLite and PostgreSQL).
"""

from __future__ import annotations

import uuid

from privacy import find_pii
from tests.server.conftest import same_here_mutation

EMAIL = "maija.meikalainen@example.com"
REF = "CASE-4711-RITA"


def _kept_insight(api, author, number: int = 1, **fields) -> dict:
    """An insight whose author kept a customer's e-mail for the product team, with a customer reference."""
    key = find_pii(f"mail {EMAIL}")[0].key
    fields.setdefault("text", f"Customer {EMAIL} cannot find the IBAN field")
    return api.create(author, number, customer_ref=REF, pii_kept=[key], **fields)


def test_the_digest_masks_kept_personal_data_for_other_reps_like_the_list_does(api):
    rita, sam = api.user("rita", communities=["payments"]), api.user("sam", communities=["payments"])
    pia = api.user("pia", "product", communities=["payments"])
    insight = _kept_insight(api, rita)
    # Answered and shipped this week too, so the insight is in every section of the digest.
    api.client.post(f"/api/v1/insights/{insight['id']}/replies", json={"body": "on it"}, headers=pia.headers)
    api.client.post(f"/api/v1/insights/{insight['id']}/status", json={"status": "shipped"}, headers=pia.headers)

    listed = api.client.get("/api/v1/insights", headers=sam.headers).json()["insights"]
    [masked] = [i["text"] for i in listed]
    assert EMAIL not in masked and "IBAN field" in masked
    answer = api.client.get("/api/v1/digest", headers=sam.headers)
    assert answer.status_code == 200, answer.text
    [block] = answer.json()["communities"]
    sections = [block["top"], block["answered"], block["shipped"]]
    assert [[i["text"] for i in items] for items in sections] == [[masked]] * 3
    markdown = api.client.get("/api/v1/digest/markdown", headers=sam.headers).text
    assert "IBAN field" in markdown
    assert EMAIL not in answer.text + markdown and REF not in answer.text + markdown

    for reader in (rita, pia):  # the author and the product team read what was kept
        text = api.client.get("/api/v1/digest", headers=reader.headers).json()["communities"][0]["top"][0]["text"]
        assert EMAIL in text, reader.name


def test_search_matches_only_what_the_reader_can_see(api):
    rita, sam = api.user("rita", communities=["payments"]), api.user("sam", communities=["payments"])
    pia = api.user("pia", "product", communities=["payments"])
    insight = _kept_insight(api, rita)

    def found(account, q: str) -> list[str]:
        answer = api.client.get("/api/v1/insights", params={"q": q}, headers=account.headers)
        assert answer.status_code == 200, answer.text
        return [i["id"] for i in answer.json()["insights"]]

    assert found(sam, "IBAN") == [insight["id"]]  # what sam sees is searchable
    # Prefixes of the hidden reference and of the masked e-mail would confirm them one character at a time.
    for prefix in ("CASE-4", REF[:-1], REF, "maija", EMAIL[:12], "example.com"):
        assert found(sam, prefix) == [], prefix
        assert found(rita, prefix) == [insight["id"]], prefix  # the author searches her own words
        assert found(pia, prefix) == [insight["id"]], prefix  # and the product team everything
    listed = api.client.get("/api/v1/insights", params={"q": "CASE-4"}, headers=sam.headers).json()
    assert listed["total"] == 0
    edit = {
        "type": "edit",
        "number": 2,
        "insight_id": insight["id"],
        "base_version": 1,
        "changes": {"text": f"Customer {EMAIL} still cannot find the IBAN field"},
    }
    assert api.push(rita, edit)["results"][0]["status"] == "applied"
    assert found(sam, "still") == [insight["id"]] and found(sam, "maija") == []  # an edit is masked again
    assert found(rita, "maija") == [insight["id"]]


def test_a_planted_same_here_on_a_merged_rows_id_never_receives_the_authors_customer(api):
    rita, sam = api.user("rita", communities=["payments"]), api.user("sam", communities=["payments"])
    pia = api.user("pia", "product", communities=["payments"])
    original = api.create(rita, 1)
    duplicate = api.create(rita, 2, customer_ref="CASE-OLD")
    # The id protocol 2 gave the row standing for a merged duplicate: uuid5 of a fixed namespace and its id.
    guessed = str(uuid.uuid5(uuid.UUID("6f1d3c52-8a4e-4c1b-9a7e-2f0b5d8c9e31"), duplicate["id"]))
    planted = api.push(sam, same_here_mutation(1, original["id"], id=guessed))["results"][0]
    assert planted["status"] in ("applied", "rejected")

    marked = api.client.post(
        f"/api/v1/insights/{duplicate['id']}/duplicate", json={"original_id": original["id"]}, headers=pia.headers
    )
    assert marked.status_code == 200, marked.text
    edit = {
        "type": "edit",
        "number": 3,
        "insight_id": duplicate["id"],
        "base_version": marked.json()["version"],
        "changes": {"customer_ref": REF},
    }
    assert api.push(rita, edit)["results"][0]["status"] == "applied"

    seen_by_sam = api.client.get(f"/api/v1/insights/{original['id']}/same-heres", headers=sam.headers).json()
    pulled = str(api.pull_all(sam)[0])
    assert REF not in str(seen_by_sam) + pulled and "CASE-OLD" not in str(seen_by_sam) + pulled
    sams = [row for row in seen_by_sam if row["author"] == "sam"]
    assert all(row["customer_ref"] is None for row in sams)
    # The product team sees rita's customer on the row standing for her merged duplicate, and sam's apart.
    rows = api.client.get(f"/api/v1/insights/{original['id']}/same-heres", headers=pia.headers).json()
    assert sorted((r["author"], r["customer_ref"]) for r in rows) == sorted(
        [("rita", REF)] + [("sam", None)] * len(sams)
    )
    # Customers: rita's unnamed one on the original, her duplicate's REF, and sam's unnamed one.
    insight = api.client.get(f"/api/v1/insights/{original['id']}", headers=pia.headers).json()["insight"]
    assert insight["customers"] == 2 + len(sams)


def test_an_invisible_insight_answers_exactly_like_a_missing_one(api):
    rita, mona = api.user("rita", communities=["payments"]), api.user("mona", communities=["mobile-app"])
    theirs = api.create(mona, 1, community="mobile-app")
    missing = str(uuid.uuid4())
    for path in ("", "/same-heres"):
        hidden = api.client.get(f"/api/v1/insights/{theirs['id']}{path}", headers=rita.headers)
        absent = api.client.get(f"/api/v1/insights/{missing}{path}", headers=rita.headers)
        assert (hidden.status_code, absent.status_code) == (404, 404)
        assert hidden.json()["message"].replace(theirs["id"], "X") == absent.json()["message"].replace(missing, "X")


def test_the_searchable_shared_text_needs_no_detection_inside_the_write_lock(api, monkeypatch):
    from sqlalchemy import select

    from privacy import detector
    from protocol import schema
    from server.models import User
    from server.services import insights, sync
    from tests.server.conftest import create_mutation

    api.user("rita", communities=["payments"])
    key = find_pii(f"mail {EMAIL}")[0].key
    text = f"Customer {EMAIL} is stuck; her lawyer is other.person@example.org"  # one kept, one masked
    mutation = create_mutation(1, text=text, customer_ref=REF, pii_kept=[key])
    request = schema.PushRequest.model_validate({"mutations": [mutation]})
    detected: list[str] = []
    real = detector._detect
    with detector.detected_ahead(sync.texts_of(request)):  # as the push endpoint does, before its transaction
        monkeypatch.setattr(detector, "_detect", lambda text: detected.append(text) or real(text))
        with api.db.write() as session:
            rita = session.scalar(select(User).where(User.name == "rita"))
            row = insights.new_row(session, rita, request.mutations[0].insight)
    assert EMAIL in row["text"] and EMAIL not in row["shared_text"] and "is stuck" in row["shared_text"]
    assert "other.person" not in row["text"] + row["shared_text"]
    assert detected == []
