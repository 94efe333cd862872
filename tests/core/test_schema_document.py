"""The JSON schema a protocol model publishes (what /openapi.json shows) accepts exactly what the model does."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import jsonschema_rs
import pytest
from pydantic import ValidationError

from protocol import schema

ID = "0b6f1c6e-3f4d-4f8e-9f57-1d2c3b4a5e6f"
NOW = datetime(2026, 11, 20, tzinfo=UTC).isoformat()


def create(**insight) -> dict:
    draft = {"id": ID, "text": "IBAN field missing", "community": "payments", "created_at": NOW, **insight}
    return {"mutations": [{"type": "create", "number": 1, "id": str(uuid.uuid4()), "insight": draft}]}


def verdicts(model, payload) -> tuple[bool, bool]:
    """(the published schema accepts it, the model accepts it)."""
    published = jsonschema_rs.validator_for(model.model_json_schema()).is_valid(payload)
    try:
        model.model_validate(payload)
        accepted = True
    except ValidationError:
        accepted = False
    return published, accepted


LONGEST = schema.MAX_TEXT_CHARS


@pytest.mark.parametrize(
    ("payload", "valid"),
    [
        (create(), True),
        (create(text="x" * LONGEST), True),
        (create(text="x" * (LONGEST + 1)), False),
        # Control characters are dropped, but the limit counts what was sent, as the document says.
        (create(text="x" * LONGEST + "\x07"), False),
        (create(text="\x00\x07"), False),  # nothing left once cleaned
        (create(text="\n"), True),  # newline and tab are kept
        (create(customer_ref="\x1b"), False),
        (create(tags=["\x00"]), False),
        (create(id=ID.upper()), True),
        (create(id=ID.replace("-", "")), False),
        (create(id="{" + ID + "}"), False),
        (create(id="urn:uuid:" + ID), False),
        # Times: RFC 3339 with an offset only (pydantic alone takes Unix seconds).
        (create(created_at="2026-11-20T10:00:00.123456Z"), True),
        (create(created_at="2026-11-20T10:00:00-05:30"), True),
        (create(created_at=1_700_000_000), False),
        (create(created_at="1700000000"), False),
        (create(created_at="2026-11-20T10:00:00"), False),
        (create(created_at="2026-11-20 10:00:00+00:00"), False),
        (create(created_at="1970-01-01T00:30:00+01:00"), False),  # 1969 in UTC
        # Values only in the JSON type the document gives.
        (create(tags=["a", "b"]), True),
        (create(impact="high"), True),
        (create(tags="a"), False),
        ({**create(), "protocol": "2"}, False),
        ({"mutations": [{**create()["mutations"][0], "number": "1"}]}, False),
        ({"mutations": [{**create()["mutations"][0], "number": 0}]}, False),
        ({"mutations": [{**create()["mutations"][0], "number": 2**53 - 1}]}, True),
        ({"mutations": [{**create()["mutations"][0], "number": 2**53 + 2}]}, False),
        ({"mutations": [{**create()["mutations"][0], "number": 2**62 + 95}]}, False),  # a double's view: 2**62
        ({"mutations": [{**create()["mutations"][0], "number": 1.0}]}, True),  # an integer, for JSON Schema
    ],
)
def test_push_validation_and_its_document_agree(payload, valid):
    assert verdicts(schema.PushRequest, payload) == (valid, valid)


def test_a_boolean_is_no_number():
    # (Not through jsonschema_rs, which takes Python's True for the integer 1.)
    with pytest.raises(ValidationError):
        schema.PushRequest.model_validate({"mutations": [{**create()["mutations"][0], "number": True}]})


def test_ids_are_stored_in_canonical_lower_case():
    request = schema.PushRequest.model_validate(create(id=ID.upper()))
    assert request.mutations[0].insight.id == ID


@pytest.mark.parametrize(("name", "valid"), [("rita", True), ("\x00", False), ("r" * 200, False), (" ", True)])
def test_login_validation_and_its_document_agree(name, valid):
    payload = {"username": name, "password": "pw"}
    assert verdicts(schema.LoginRequest, payload) == (valid, valid)
