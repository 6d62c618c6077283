"""When something breaks, Jo sees the portal's own page in her language; API clients get JSON."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

pytestmark = pytest.mark.django_db

BROKEN = "misconduct_records.selectors.officers_public"


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(("path", "heading"), [("/officers/", "Something went wrong"),
                                               ("/es/officers/", "Algo salió mal")])
def test_a_server_error_shows_the_portals_own_page_in_the_readers_language(client, path, heading):
    with mock.patch(BROKEN, side_effect=RuntimeError("boom")):
        response = client.get(path)
    assert response.status_code == 500
    html = response.content.decode()
    assert heading in html and "usa-header" in html and "Traceback" not in html


def test_a_server_error_in_the_api_is_json(client):
    with mock.patch(BROKEN, side_effect=RuntimeError("boom")):
        response = client.get("/api/v1/officers/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json() and "boom" not in response.content.decode()


def test_unknown_api_addresses_answer_json(client):
    response = client.get("/api/v1/no-such-table/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(("path", "heading"), [("/officers/", "The request could not be understood"),
                                               ("/es/officers/", "No se pudo entender la solicitud")])
def test_a_bad_request_shows_the_portals_own_page(client, path, heading):
    response = client.get(path, HTTP_HOST="not-an-allowed-host.example")
    assert response.status_code == 400 and heading in response.content.decode()


def test_a_bad_request_to_the_api_is_json(client):
    response = client.get("/api/v1/officers/", HTTP_HOST="not-an-allowed-host.example")
    assert response.status_code == 400 and "detail" in response.json()


@pytest.mark.parametrize(("path", "heading"), [("/officers/", "You cannot do this here"),
                                               ("/es/officers/", "No puede hacer esto aquí")])
def test_a_refusal_shows_the_portals_own_page(client, path, heading):
    with mock.patch(BROKEN, side_effect=PermissionDenied):
        response = client.get(path)
    assert response.status_code == 403 and heading in response.content.decode()


def test_a_django_validation_error_in_the_api_is_a_400(client):
    from django.core.exceptions import ValidationError

    with mock.patch(BROKEN, side_effect=ValidationError("no such thing")):
        response = client.get("/api/v1/officers/")
    assert response.status_code == 400 and response.json() == {"detail": ["no such thing"]}
