"""Schemathesis over the OpenAPI of /api/v1 (issue 12): generated requests, including odd
strings, control characters and odd sizes, never get a 5xx. In process, with the FakeRasa on a
mock transport (tests/api/conftest.py), on SQLite and PostgreSQL; a bounded number of examples
per operation keeps it to about a minute."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from api.main import create_app
from api.settings import Settings

from .conftest import api_settings, new_session

EXAMPLES_PER_OPERATION = 30

# Only the schema is needed here; the app under test is the `client` fixture's.
_SCHEMA_APP = create_app(Settings(environment="test", auto_migrate=False))
schema = schemathesis.openapi.from_dict(_SCHEMA_APP.openapi()).include(path_regex="^/api/v1/")


@pytest.fixture
def settings_for_fuzzing(database_url: str) -> Settings:
    return api_settings(
        database_url,
        # The abuse limits would answer most requests with 429 before they reach the handlers.
        sessions_per_hour=0,
        messages_per_minute=0,
        handoff_actions_per_minute=0,
        callbacks_per_number_per_day=0,
    )


@pytest.fixture
def settings(settings_for_fuzzing: Settings) -> Settings:  # overrides conftest's
    return settings_for_fuzzing


@pytest.fixture
def live_token(client: TestClient) -> str:
    """A conversation with a resident message and a handoff, so generated requests also reach
    past the session lookup."""
    token = new_session(client)
    client.post(f"/api/v1/sessions/{token}/messages", json={"text": "ik heb schulden"})
    client.post(f"/api/v1/sessions/{token}/handoff")
    return token


_REQUEST_KEYS = {"method", "url", "headers", "params", "json", "data"}


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_errors(case: Any, client: TestClient, live_token: str) -> None:
    path = case.path_parameters or {}
    # Half of the generated session ids become a live conversation's.
    if "session_id" in path and len(str(path["session_id"])) % 2 == 0:
        path["session_id"] = live_token
    kwargs = {
        k: v
        for k, v in case.as_transport_kwargs(base_url="https://testserver").items()
        if k in _REQUEST_KEYS
    }
    if isinstance(kwargs.get("data"), (bytes, str)):
        kwargs["content"] = kwargs.pop("data")
    response = client.request(**kwargs)
    assert response.status_code < 500, (kwargs, response.text)
