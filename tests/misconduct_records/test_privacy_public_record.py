"""Rita's complaint goes all the way to the public record; nothing that names her comes out.

The ledger is fed only the way production feeds it: the complaint is filed, worked and decided
through the board's services, then published through `record_publish`. Every public page, API
endpoint and download is then searched for Rita's identifying values.
"""

import pytest
from django.urls import reverse

from misconduct_records.exports import PUBLIC_TABLES
from tests.publishing import publish_ritas_case
from tests.slice import RITA, assert_no_private_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_case(district, officer, intake_officer, investigator, board_chair):
    return publish_ritas_case(
        district=district, officer=officer, intake_officer=intake_officer,
        investigator=investigator, board_chair=board_chair, category_code="physical-force",
        finding="sustained", discipline="written_reprimand",
        public_summary="Force was used during a stop; the board sustained it.")


def _public_urls(officer, public_case, district) -> list[str]:
    html = [
        reverse("home"), reverse("records:officer_list"),
        reverse("records:officer_list") + f"?q={officer.last_name}",
        reverse("records:officer_detail", args=[officer.public_id]),
        reverse("records:allegation_list"), reverse("records:case_list"),
        reverse("records:case_detail", args=[public_case.public_id]),
        reverse("records:district_list"), reverse("records:district_detail", args=[district.pk]),
        reverse("records:source_list"), reverse("records:correction_list"),
        reverse("records:data_index"), reverse("records:data_dictionary"),
    ]
    api = ["/api/v1/officers/", f"/api/v1/officers/{officer.public_id}/", "/api/v1/allegations/",
           "/api/v1/cases/", f"/api/v1/cases/{public_case.public_id}/", "/api/v1/districts/",
           "/api/v1/sources/", "/api/schema/"]
    downloads = [reverse("records:data_download", args=[t, fmt])
                 for t in PUBLIC_TABLES for fmt in ("csv", "json")]
    return html + api + downloads


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_no_public_response_holds_the_complainants_identity(journalist, officer, district,
                                                            published_case):
    public_case = published_case.complaint.public_case
    tracking = published_case.complaint.tracking_number
    urls = _public_urls(officer, public_case, district)
    seen_the_case = False
    for url in urls:
        response = journalist.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        assert_no_private_values(text)
        assert tracking not in text, url
        assert RITA["narrative"][:40] not in text, url
        seen_the_case |= "Force was used during a stop" in text
    assert seen_the_case  # the published case did reach the public surfaces searched


def test_public_pages_set_no_cookie_for_anonymous_readers(journalist, officer, district,
                                                          published_case):
    for url in _public_urls(officer, published_case.complaint.public_case, district):
        response = journalist.get(url)
        assert not response.cookies, url
    assert not journalist.get("/api/docs/").cookies
