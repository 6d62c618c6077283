"""Rita lost her code and calls. Ines checks it is her, and a new code goes to Rita's e-mail on
file; the old one stops working. Ana, anonymous, was told before filing that nobody could."""

import pytest
from django.core import mail
from django.urls import reverse

from complaints.services import complaint_find, complaint_submit
from portal.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita(district):
    return complaint_submit(narrative="He pushed me.", filer_role="affected", language="en",
                            agency_id=district.agency_id, district=district,
                            contact_name="Rita Q", contact_email="rita@example.net")


@pytest.fixture
def ana(district):
    return complaint_submit(narrative="They shoved a teenager.", filer_role="witness",
                            language="en", agency_id=district.agency_id, district=district)


def _url(filed):
    return reverse("board:complaint_new_code", args=[filed.complaint.tracking_number])


def test_intake_sends_a_new_code_after_checking_identity(rita, intake_officer, client_for,
                                                          django_capture_on_commit_callbacks):
    ines = client_for(intake_officer)
    detail = ines.get(reverse("board:complaint_detail", args=[rita.complaint.tracking_number]))
    assert _url(rita) in detail.content.decode()
    assert ines.get(_url(rita)).status_code == 200
    refused = ines.post(_url(rita), {})
    assert refused.status_code == 400 and complaint_find(
        tracking_number=rita.complaint.tracking_number, status_code=rita.status_code)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = ines.post(_url(rita), {"identity_check": "call_back"})
    assert response.status_code == 302
    assert complaint_find(tracking_number=rita.complaint.tracking_number,
                          status_code=rita.status_code) is None  # the old code stops working
    [message] = mail.outbox
    assert message.to == ["rita@example.net"] and "The old code no longer works" in message.body
    new_code = message.body.split("Secret code: ")[1].split()[0]
    assert complaint_find(tracking_number=rita.complaint.tracking_number, status_code=new_code)
    event = AuditEvent.objects.get(action="complaint.status_code_reissued")
    assert event.actor == intake_officer and event.data == {"identity_check": "call_back",
                                                             "sent_to": "email"}
    assert new_code not in str(event.data)


def test_no_new_code_for_an_anonymous_complaint(ana, intake_officer, client_for):
    ines = client_for(intake_officer)
    detail = ines.get(reverse("board:complaint_detail", args=[ana.complaint.tracking_number]))
    assert _url(ana) not in detail.content.decode()
    refused = ines.post(_url(ana), {"identity_check": "in_person"})
    assert refused.status_code == 400 and "no e-mail address on file" in refused.content.decode()
    assert complaint_find(tracking_number=ana.complaint.tracking_number, status_code=ana.status_code)


def test_only_intake_and_supervisors_may_send_a_new_code(rita, investigator, client_for, journalist):
    assert client_for(investigator).post(_url(rita), {"identity_check": "call_back"}).status_code in (403, 404)
    assert journalist.post(_url(rita), {"identity_check": "call_back"}).status_code == 302  # sign in
    assert complaint_find(tracking_number=rita.complaint.tracking_number, status_code=rita.status_code)
