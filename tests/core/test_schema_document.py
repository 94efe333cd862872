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
    ],
)
def test_push_validation_and_its_document_agree(payload, valid):
    assert verdicts(schema.PushRequest, payload) == (valid, valid)


def test_ids_are_stored_in_canonical_lower_case():
    request = schema.PushRequest.model_validate(create(id=ID.upper()))
    assert request.mutations[0].insight.id == ID


@pytest.mark.parametrize(("name", "valid"), [("rita", True), ("\x00", False), ("r" * 200, False), (" ", True)])
def test_login_validation_and_its_document_agree(name, valid):
    payload = {"username": name, "password": "pw"}
    assert verdicts(schema.LoginRequest, payload) == (valid, valid)
