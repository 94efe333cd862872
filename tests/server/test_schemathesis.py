"""Property-based tests against the served OpenAPI: no 5xx, and every answer matches the schema."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from server.app import create_app
from tests.server.conftest import Api, TestClient, test_settings

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


def test_every_api_operation_conforms(tmp_path, database_url):
    # Long-polls capped so generated `wait` values stay quick; sign-out left out so the token keeps working.
    app = create_app(test_settings(tmp_path, database_url, long_poll_max_seconds=0.1))
    with TestClient(app) as client:
        api = Api(app, client)
        rita = api.user("rita")
        for n in range(1, 4):
            api.create(rita, n)
        headers = api.user("ada", "admin").headers
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    loaded = loaded.include(path_regex="^/api/").exclude(path_regex="/auth/logout$")
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) >= 13

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=10,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
