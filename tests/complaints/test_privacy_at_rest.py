"""Rita's name, contacts and story are unreadable in the database and absent from logs."""

import logging

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from complaints.models import Complaint, Witness
from portal.encryption import PREFIX
from portal.log_redaction import redact
from tests.complaints.filing import file_complaint
from tests.slice import RITA

pytestmark = pytest.mark.django_db

WITNESS = {"name": "Walter Okonkwo-Brandt", "contact": "walter.ob@example.net",
           "account": "He saw the push from the bus stop."}


def _raw_row(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return " ".join(str(v) for v in cursor.fetchone())


def test_identities_and_story_are_encrypted_in_the_database(journalist, district):
    response = file_complaint(journalist, {**RITA, "district": district.pk, "witnesses": [WITNESS]})
    complaint = Complaint.objects.get(tracking_number=response.context["complaint"].tracking_number)
    raw = _raw_row("complaints_complaint", complaint.pk)
    for secret in (RITA["contact_name"], RITA["contact_email"], RITA["contact_phone"],
                   "Zanzibar", RITA["location"]):
        assert secret not in raw
    assert PREFIX in raw
    witness = Witness.objects.get(complaint=complaint)
    assert witness.name == WITNESS["name"]
    assert WITNESS["name"] not in _raw_row("complaints_witness", witness.pk)
    assert complaint.contact_name == RITA["contact_name"]  # staff still read it through the model


def test_keys_rotate_without_losing_data(journalist, district, settings):
    old_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old_key]
    file_complaint(journalist, {**RITA, "district": district.pk})  # written under the old key
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is retired
    assert Complaint.objects.get().contact_name == RITA["contact_name"]


def test_secret_links_are_redacted_from_log_lines(caplog):
    line = "GET /es/complaints/status/CR-2026-000001/Abc_defGHIjkl-123456789/ 200"
    assert "Abc_def" not in redact(line)
    assert "/complaints/draft/[redacted]" in redact("POST /complaints/draft/tok_EN12345678abcdef/people/")
    from portal.log_redaction import RedactSecrets

    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s', (line, 200), None)
    RedactSecrets().filter(record)
    assert "Abc_def" not in record.getMessage()


def test_admin_list_shows_no_identity(client_for, journalist, district, django_user_model):
    file_complaint(journalist, {**RITA, "district": district.pk})
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    html = client_for(admin).get("/admin/complaints/complaint/").content.decode()
    assert Complaint.objects.get().tracking_number in html
    for secret in (RITA["contact_name"], RITA["contact_email"], "Zanzibar"):
        assert secret not in html


def test_status_code_in_a_request_log_line_is_redacted(journalist, district, caplog):
    response = file_complaint(journalist, {**RITA, "district": district.pk})
    number = response.context["complaint"].tracking_number
    with caplog.at_level(logging.WARNING, logger="django.request"):
        journalist.get(f"/complaints/status/{number}/WrongGuessWrongGuess123/nothing-here/")
    assert caplog.records and all("WrongGuess" not in r.getMessage() for r in caplog.records)


def test_staff_details_partial_shows_what_the_resident_gave(journalist, district):
    from django.template.loader import render_to_string

    response = file_complaint(journalist, {**RITA, "district": district.pk, "witnesses": [WITNESS],
                                           "conduct": ["chokehold"],
                                           "officers": [{"badge_number": "10442", "vehicle": "C-7"}]})
    complaint = Complaint.objects.get(pk=response.context["complaint"].pk)
    html = render_to_string("complaints/_staff_details.html", {"complaint": complaint})
    assert WITNESS["name"] in html and "Chokehold or strangulation" in html and "C-7" in html
    assert "10442" in complaint.officer_details  # the one-text summary older pages show
