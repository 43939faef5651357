"""Property-based API testing against the OpenAPI document (schemathesis).

Every operation gets generated requests (bounded: a few examples each) sent with a token
holding every role; the checks: no 5xx, documented status codes and content types, and
responses that match their schema. Marked ``slow`` only by size, not by timing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from api_support import make_env
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from scrutiny.cases.users import UserService
from scrutiny.cases.vocab import Role

TOKEN: dict[str, str] = {}
MAX_EXAMPLES = 10


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    env = make_env(f"sqlite:///{folder / 'fuzz.db'}", folder)
    users = UserService(env.store)
    admin = users.actor("admin")
    users.add(admin, "everyone", list(Role))
    TOKEN["value"] = users.create_token(users.actor("everyone"), "fuzz")[1]
    config = schemathesis.Config.from_dict({
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "generation": {"max-examples": MAX_EXAMPLES},
    })
    yield schemathesis.openapi.from_asgi("/openapi.json", env.client.app, config=config)
    env.store.dispose()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN['value']}"},
        checks=[not_a_server_error, status_code_conformance, content_type_conformance,
                response_schema_conformance],
    )
