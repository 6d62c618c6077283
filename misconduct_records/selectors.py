from django.db.models import Count, Q

from .models import Officer, PublicAllegation
from .vocabulary import Finding


def officer_history(*, officer: Officer):
    """Every published allegation against an officer, newest first, in one query."""
    return (
        PublicAllegation.objects.filter(officer=officer, case__published_at__isnull=False)
        .select_related("case", "case__district", "category")
        .order_by("-case__incident_on", "-case__received_on", "-id")
    )


def officer_summary(*, officer: Officer) -> dict:
    """Counts for the profile's summary box, in one query."""
    return officer_history(officer=officer).aggregate(
        allegations=Count("id"),
        sustained=Count("id", filter=Q(finding=Finding.SUSTAINED)),
        cases=Count("case", distinct=True),
    )
