"""The schema's wire values and the shared enumerations are one list each (protocol.limits is the source)."""

from typing import get_args

from protocol import limits, schema


def test_schema_literals_spell_the_shared_enumerations():
    assert get_args(schema.Impact) == limits.IMPACTS
    assert get_args(schema.Status) == limits.STATUSES
    assert get_args(schema.Role) == limits.ROLES


def test_desktop_domain_uses_the_shared_limits_and_enumerations():
    from desktop import domain

    assert domain.Impact is limits.Impact and domain.Status is limits.Status
    assert domain.MAX_TEXT_CHARS is limits.MAX_TEXT_CHARS
    assert schema.MAX_TEXT_CHARS == limits.MAX_TEXT_CHARS
