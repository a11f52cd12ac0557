"""The API's OpenAPI description: valid, exact in its shapes, and true of every answer the API
gives to requests generated from it (schemathesis)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from meetings.api import api

from .conftest import APRIL_2016, APRIL_2017, DATA
from .factories import import_path


def test_the_description_is_valid_openapi(client):
    validate(client.get("/api/openapi.json").json())


def _loose_objects(node, path="") -> list[str]:
    """Where the description allows an object of any shape: an object with no properties, or one
    that allows properties it does not name."""
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object" and ("properties" not in node or node.get("additionalProperties") is True):
            found.append(path)
        for key, value in node.items():
            found += _loose_objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _loose_objects(value, f"{path}/{index}")
    return found


def test_every_shape_is_exact():
    description = api.get_openapi_schema()
    assert _loose_objects(description["components"]) == []
    assert _loose_objects(description["paths"]) == []
    responses = [
        response
        for path in description["paths"].values()
        for operation in path.values()
        for response in operation["responses"].values()
    ]
    assert all(
        "$ref" in str(response["content"]["application/json"]["schema"]) or "items" in str(response)
        for response in responses
    )


def test_the_documentation_page_uses_files_served_here(client):
    html = client.get("/api/docs").content.decode()
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in html
    assert "cdn" not in html.lower()


@pytest.fixture
def api_schema(db, settings):
    """The API over WSGI, on a database holding both seed meetings and minute 59/16."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_RATE_LIMIT = "100000/min"
    for path in (APRIL_2016, APRIL_2017, DATA / "minute-59-of-2016.txt"):
        import_path(path)
    # As Django's test client does: a request must not close the connection holding the test's
    # transaction (on PostgreSQL it would, the transaction having turned autocommit off).
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    for signal in signals:
        signal.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error_or_an_answer_outside_the_description(case):
    case.call_and_validate()
