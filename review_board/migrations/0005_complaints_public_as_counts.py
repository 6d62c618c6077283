"""Complaints are public as monthly counts; a public case row exists only for an opened case.

Counts every complaint already received, and removes the public rows that filing used to create
for complaints no case was opened for (they reappear when a case is opened).
"""

from collections import Counter

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def _home_agency_id(apps):
    Agency = apps.get_model("misconduct_records", "Agency")
    return Agency.objects.filter(slug=settings.PORTAL["HOME_AGENCY_SLUG"]).values_list("pk", flat=True).first()


def forward(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    Case = apps.get_model("review_board", "Case")
    PublicCase = apps.get_model("misconduct_records", "PublicCase")
    ComplaintsReceived = apps.get_model("misconduct_records", "ComplaintsReceived")
    counts = Counter()
    for row in Complaint.objects.values("received_at", "district_id", "district__agency_id",
                                        "public_case__agency_id"):
        agency = row["district__agency_id"] or row["public_case__agency_id"] or _home_agency_id(apps)
        month = timezone.localdate(row["received_at"]).replace(day=1)
        counts[(month, agency, row["district_id"])] += 1
    ComplaintsReceived.objects.bulk_create(
        ComplaintsReceived(month=month, agency_id=agency, district_id=district, count=count)
        for (month, agency, district), count in counts.items() if agency)
    opened = Case.objects.exclude(complaint=None).values("complaint_id")
    unopened = Complaint.objects.exclude(pk__in=opened).exclude(public_case=None)
    public_ids = list(unopened.values_list("public_case_id", flat=True))
    unopened.update(public_case=None)
    PublicCase.objects.filter(pk__in=public_ids).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0005_public_case_when_opened"),
        ("misconduct_records", "0007_complaints_received_counts"),
        ("review_board", "0004_encrypt_investigation_records"),
    ]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
