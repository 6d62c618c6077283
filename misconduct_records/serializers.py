"""The public shape of every table: used by the JSON API, the CSV/JSON downloads and snapshots.

Each serializer is flat (no nested objects) so that a row is also a CSV line; related rows are
named by their public identifier or code. The querysets in `PUBLIC_TABLES` select exactly the
related rows the serializers read, so a download costs one query per chunk.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import (
    Agency,
    AllegationCategory,
    Assignment,
    Command,
    ComplaintsReceived,
    Correction,
    DecertificationReferral,
    District,
    Officer,
    OfficerAlias,
    OfficerIdentifier,
    PublicAllegation,
    PublicCase,
    PublicCaseEvent,
    Settlement,
    SettlementOfficer,
    Source,
)


@extend_schema_field({"type": "string", "format": "date", "nullable": True})
class PublicDayField(serializers.Field):
    """A moment published as its day only (local to the portal): never a time of day."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return timezone.localdate(value).isoformat() if value is not None else None


def _iso(day) -> str | None:
    return None if day is None else day.isoformat()


def _code(row) -> str | None:
    return None if row is None else row.code


def _slug(*, nullable: bool = False):
    return serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=nullable)


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["slug", "name", "city", "state"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["slug", "name", "publisher", "url", "files", "licence", "licence_url", "citation",
                  "retrieved_on", "data_current_through", "is_this_board", "coverage", "exclusions",
                  "caution"]


class DistrictSerializer(serializers.ModelSerializer):
    agency = _slug()

    class Meta:
        model = District
        fields = ["id", "agency", "code", "name"]


class CommandSerializer(serializers.ModelSerializer):
    agency = _slug()

    class Meta:
        model = Command
        fields = ["id", "agency", "code", "name"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = AllegationCategory
        fields = ["code", "name", "family", "description", "eight_cant_wait",
                  "is_prohibited_restraint", "uses_force_level"]


class OfficerSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)
    agency = _slug()
    district = serializers.CharField(source="district.code", default=None, allow_null=True, read_only=True)
    command = serializers.CharField(source="command.code", default=None, allow_null=True, read_only=True)
    source = _slug(nullable=True)
    allegation_count = serializers.IntegerField(source="allegation_total", read_only=True)
    sustained_count = serializers.IntegerField(source="sustained_total", read_only=True)

    class Meta:
        model = Officer
        fields = ["id", "first_name", "last_name", "badge_number", "rank", "agency", "district",
                  "middle_name", "suffix", "command", "race", "gender", "birth_year", "is_active",
                  "appointed_on", "separated_on", "allegation_count", "sustained_count", "source",
                  "source_row"]


# The API's officer list reads these columns instead of model instances, so that a page of a
# hundred officers costs one query and no object per row; officer_row gives exactly what
# OfficerSerializer gives for the same officer (the tests compare the two).
OFFICER_ROW_COLUMNS = {
    "id": "public_id", "first_name": "first_name", "last_name": "last_name",
    "badge_number": "badge_number", "rank": "rank", "agency": "agency__slug",
    "district": "district__code", "middle_name": "middle_name", "suffix": "suffix",
    "command": "command__code", "race": "race", "gender": "gender", "birth_year": "birth_year",
    "is_active": "is_active", "appointed_on": "appointed_on", "separated_on": "separated_on",
    "allegation_count": "allegation_total", "sustained_count": "sustained_total",
    "source": "source__slug", "source_row": "source_row",
}
OFFICER_ROW_DATES = ("appointed_on", "separated_on")


def officer_row(values: dict) -> dict:
    """OfficerSerializer's representation of an officer read as OFFICER_ROW_COLUMNS values."""
    row = {name: values[column] for name, column in OFFICER_ROW_COLUMNS.items()}
    for name in OFFICER_ROW_DATES:
        if row[name] is not None:
            row[name] = row[name].isoformat()
    return row


class OfficerIdentifierSerializer(serializers.ModelSerializer):
    officer = serializers.CharField(source="officer.public_id", read_only=True)
    source = _slug(nullable=True)

    class Meta:
        model = OfficerIdentifier
        fields = ["officer", "kind", "value", "valid_from", "valid_to", "source"]


class OfficerAliasSerializer(serializers.ModelSerializer):
    officer = serializers.CharField(source="officer.public_id", read_only=True)
    source = _slug(nullable=True)

    class Meta:
        model = OfficerAlias
        fields = ["officer", "first_name", "last_name", "source"]


class AssignmentSerializer(serializers.ModelSerializer):
    officer = serializers.CharField(source="officer.public_id", read_only=True)
    command = serializers.CharField(source="command.code", default=None, allow_null=True, read_only=True)
    district = serializers.CharField(source="district.code", default=None, allow_null=True, read_only=True)
    source = _slug(nullable=True)

    class Meta:
        model = Assignment
        fields = ["officer", "rank", "command", "district", "started_on", "ended_on", "source",
                  "source_row"]


class CaseSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)
    agency = _slug()
    district = serializers.CharField(source="district.code", default=None, allow_null=True, read_only=True)
    source = _slug(nullable=True)
    published_at = PublicDayField(help_text="The day the case was published (no time of day).")

    class Meta:
        model = PublicCase
        fields = ["id", "agency", "district", "received_on", "received_on_precision", "incident_on",
                  "incident_on_precision", "closed_on", "status", "public_summary", "published_at", "source",
                  "source_row"]


def case_row(case) -> dict:
    """CaseSerializer's representation of a case read with its agency, district and source,
    written directly like allegation_row (the tests compare the two)."""
    return {
        "id": case.public_id, "agency": case.agency.slug, "district": _code(case.district),
        "received_on": _iso(case.received_on), "received_on_precision": case.received_on_precision,
        "incident_on": _iso(case.incident_on), "incident_on_precision": case.incident_on_precision,
        "closed_on": _iso(case.closed_on), "status": case.status, "public_summary": case.public_summary,
        "published_at": None if case.published_at is None else timezone.localdate(case.published_at).isoformat(),
        "source": None if case.source is None else case.source.slug, "source_row": case.source_row,
    }


class CaseEventSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.public_id", read_only=True)
    happened_at = PublicDayField(help_text="The day of the step (no time of day).")

    class Meta:
        model = PublicCaseEvent
        fields = ["case", "status", "happened_at"]


class AllegationSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True)
    case = serializers.CharField(source="case.public_id", read_only=True)
    officer = serializers.CharField(source="officer.public_id", default=None, allow_null=True, read_only=True)
    agency = serializers.CharField(source="case.agency.slug", read_only=True)
    district = serializers.CharField(source="case.district.code", default=None, allow_null=True, read_only=True)
    category = serializers.CharField(source="category.code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    family = serializers.CharField(source="category.family", read_only=True)
    command_at_incident = serializers.CharField(source="command_at_incident.code", default=None,
                                                allow_null=True, read_only=True)
    received_on = serializers.DateField(source="case.received_on", allow_null=True, read_only=True)
    incident_on = serializers.DateField(source="case.incident_on", allow_null=True, read_only=True)
    closed_on = serializers.DateField(source="case.closed_on", allow_null=True, read_only=True)
    source = _slug(nullable=True)

    class Meta:
        model = PublicAllegation
        fields = [
            "id", "case", "officer", "agency", "district", "category", "category_name", "family",
            "force_level", "prohibited_restraint", "recommended_finding", "finding",
            "discipline_recommended", "discipline_imposed", "suspension_days",
            "discipline_reason", "rank_at_incident", "command_at_incident", "received_on",
            "incident_on", "closed_on", "category_raw", "finding_raw", "recommended_finding_raw",
            "discipline_raw", "vocabulary_version", "source", "source_row",
        ]


def allegation_row(a) -> dict:
    """AllegationSerializer's representation of an allegation read with its case, officer and
    look-up rows (selectors.allegations_named), written directly: a hundred rows through the
    serializer's twenty-eight fields cost half of an API page. The tests compare the two."""
    case, category, source = a.case, a.category, a.source
    return {
        "id": a.id, "case": case.public_id, "officer": None if a.officer is None else a.officer.public_id,
        "agency": case.agency.slug, "district": _code(case.district), "category": category.code,
        "category_name": category.name, "family": category.family, "force_level": a.force_level,
        "prohibited_restraint": a.prohibited_restraint, "recommended_finding": a.recommended_finding,
        "finding": a.finding, "discipline_recommended": a.discipline_recommended,
        "discipline_imposed": a.discipline_imposed, "suspension_days": a.suspension_days,
        "discipline_reason": a.discipline_reason, "rank_at_incident": a.rank_at_incident,
        "command_at_incident": _code(a.command_at_incident), "received_on": _iso(case.received_on),
        "incident_on": _iso(case.incident_on), "closed_on": _iso(case.closed_on),
        "category_raw": a.category_raw, "finding_raw": a.finding_raw,
        "recommended_finding_raw": a.recommended_finding_raw, "discipline_raw": a.discipline_raw,
        "vocabulary_version": a.vocabulary_version, "source": None if source is None else source.slug,
        "source_row": a.source_row,
    }


class ComplaintsReceivedSerializer(serializers.ModelSerializer):
    month = serializers.DateField(format="%Y-%m", read_only=True,
                                  help_text="The month the complaints were received (YYYY-MM).")
    agency = _slug()
    district = serializers.CharField(source="district.code", default=None, allow_null=True, read_only=True,
                                     help_text="The district's code; empty where the resident gave none.")

    class Meta:
        model = ComplaintsReceived
        fields = ["month", "agency", "district", "count"]


class DecertificationReferralSerializer(serializers.ModelSerializer):
    officer = serializers.CharField(source="officer.public_id", read_only=True)
    case = serializers.CharField(source="case.public_id", default=None, allow_null=True, read_only=True)

    class Meta:
        model = DecertificationReferral
        fields = ["officer", "case", "certifying_body", "referred_on", "acknowledged_on",
                  "decided_on", "reason", "status"]


class CorrectionSerializer(serializers.ModelSerializer):
    table = serializers.CharField(source="content_type.model", read_only=True)
    officer = serializers.CharField(source="officer.public_id", default=None, allow_null=True, read_only=True)
    case = serializers.CharField(source="case.public_id", default=None, allow_null=True, read_only=True)
    changes = serializers.JSONField(read_only=True)
    corrected_at = PublicDayField(help_text="The day of the correction (no time of day).")

    class Meta:
        model = Correction
        fields = ["id", "table", "officer", "case", "revision", "corrected_at", "changes", "note", "evidence"]


class SettlementSerializer(serializers.ModelSerializer):
    """A settlement as published; never the plaintiff (only the defendants' part of the title)."""

    agency = _slug()
    source = _slug()
    amount_paid_cents = serializers.IntegerField(
        read_only=True, allow_null=True,
        help_text="The published total, else the amount awarded plus other costs, in cents.")

    class Meta:
        model = Settlement
        fields = ["id", "agency", "year", "incident_on", "incident_on_precision", "filed_on",
                  "filed_on_precision", "closed_on", "closed_on_precision", "amount_awarded_cents",
                  "other_expenses_cents", "total_incurred_cents", "amount_paid_cents", "court",
                  "docket_number", "claim_number", "defendants", "allegations_summary", "outcome",
                  "source", "source_row"]


class SettlementOfficerSerializer(serializers.ModelSerializer):
    settlement = serializers.IntegerField(source="settlement_id", read_only=True)
    officer = serializers.CharField(source="officer.public_id", default=None, allow_null=True, read_only=True)

    class Meta:
        model = SettlementOfficer
        fields = ["settlement", "officer", "name_as_published", "badge", "match"]


class SettlementTotalSerializer(serializers.Serializer):
    """Settlements and money paid by agency and year. Not comparable between cities."""

    agency = serializers.CharField(source="agency__slug", read_only=True, help_text="The agency's slug.")
    agency_name = serializers.CharField(source="agency__name", read_only=True, help_text="The agency's name.")
    year = serializers.IntegerField(read_only=True, allow_null=True,
                                    help_text="The calendar year the publisher assigned.")
    settlements = serializers.IntegerField(read_only=True, help_text="Number of settlements.")
    paid_cents = serializers.IntegerField(read_only=True, allow_null=True,
                                          help_text="Money paid, in cents (rows with an amount).")
    without_amount = serializers.IntegerField(read_only=True, help_text="Settlements without an amount.")

    class Meta:
        model = Settlement


class OfficerDetailSerializer(OfficerSerializer):
    """One officer with the whole allegation history (first page of the history in the view)."""

    allegations = serializers.SerializerMethodField()

    class Meta(OfficerSerializer.Meta):
        fields = [*OfficerSerializer.Meta.fields, "allegations"]

    @extend_schema_field(AllegationSerializer(many=True))
    def get_allegations(self, officer):
        return [allegation_row(a) for a in self.context["history"]]  # named by the view
