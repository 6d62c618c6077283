"""Many residents filing at once while the public reads and staff open cases: no server error,
every acknowledged complaint stored exactly once, the counts and the audit chain add up."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from complaints.models import Complaint
from portal.models import AuditEvent, OutboxMessage
from portal.services.audit import audit_verify_chain
from review_board.models import Case

DRIVER = Path(__file__).with_name("load_driver.py")
RESIDENTS, READS, SECONDS = 30, 300, 240

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="concurrent writers need PostgreSQL (.ci/run's second pass)"),
]


def test_mixed_load_loses_and_duplicates_nothing(live_server, public_record, district, intake_officer):
    staff = Client()
    staff.force_login(intake_officer)
    cases_before, events_before = Case.objects.count(), AuditEvent.objects.count()
    result = subprocess.run(
        [sys.executable, str(DRIVER), live_server.url, staff.cookies["sessionid"].value,
         str(RESIDENTS), str(READS), str(SECONDS), str(district.pk)],
        capture_output=True, text=True, timeout=SECONDS + 120, check=True)
    report = json.loads(result.stdout)
    print(report["statuses"], f"{report['seconds']} s")

    errors = {kind: n for kind, n in report["statuses"].items() if int(kind.split()[1]) >= 500}
    assert not errors, errors
    acknowledged = report["acknowledged"]
    assert len(acknowledged) == RESIDENTS, report["statuses"]
    stored = list(Complaint.objects.filter(tracking_number__in=acknowledged)
                  .values_list("tracking_number", flat=True))
    assert sorted(stored) == sorted(acknowledged)  # each one stored, exactly once
    assert Complaint.objects.count() == RESIDENTS + 1  # plus Rita's, nothing unacknowledged
    assert OutboxMessage.objects.filter(kind="complaint_receipt").count() == RESIDENTS + 1
    assert sorted(report["opened"]) == sorted(acknowledged), report["statuses"]
    assert Case.objects.count() - cases_before == RESIDENTS
    opens = AuditEvent.objects.filter(action="case.open").count()
    assert opens == Case.objects.count()
    assert AuditEvent.objects.count() > events_before
    assert audit_verify_chain() is None
