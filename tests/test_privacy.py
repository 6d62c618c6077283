"""No complainant field reaches the officer's public page or its JSON."""

import json

import pytest
from django.urls import reverse

from tests.publishing import publish_ritas_case
from tests.slice import assert_no_private_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_case(district, officer, intake_officer, investigator, board_chair):
    return publish_ritas_case(district=district, officer=officer, intake_officer=intake_officer,
                              investigator=investigator, board_chair=board_chair,
                              category_code="discourtesy", finding="not_sustained")


def test_officer_page_and_json_hold_no_complainant_field(journalist, officer, published_case):
    html = journalist.get(reverse("records:officer_detail", args=[officer.public_id]))
    assert "Discourteous words or actions" in html.content.decode()
    assert_no_private_values(html.content.decode())

    api = journalist.get(reverse("api:officer_detail", args=[officer.public_id]))
    body = api.json()
    assert body["allegations"][0]["finding"] == "not_sustained"
    assert_no_private_values(json.dumps(body))
    assert published_case.complaint.tracking_number not in json.dumps(body)


def test_public_pages_set_no_cookie_for_anonymous_readers(journalist, officer, published_case):
    for url in [reverse("records:officer_detail", args=[officer.public_id]),
                reverse("records:officer_list"), reverse("home"),
                reverse("api:officer_detail", args=[officer.public_id])]:
        response = journalist.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
