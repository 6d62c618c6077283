"""The tables a mapping may write to, and how a row of each is recognised on a re-run.

Rows that carry provenance are matched on (source, source_row); the others on their natural
key. Nothing else in the engine knows about particular models.
"""

from dataclasses import dataclass

from django.db import models

from portal.model_fields import concrete_field

from ..models import (
    Agency,
    AllegationCategory,
    Assignment,
    Command,
    District,
    FatalForceIncident,
    Officer,
    OfficerAlias,
    OfficerIdentifier,
    PublicAllegation,
    PublicCase,
    Settlement,
    SettlementOfficer,
)


@dataclass(frozen=True)
class Target:
    model: type[models.Model]
    key: tuple[str, ...]  # attnames that identify a row within its scope
    by_source: bool  # rows belong to the source being imported (scope: source_id)
    by_agency: bool = False  # rows belong to the mapping's agency (scope: agency_id)
    stub: str = ""  # a referenced row missing from the table may be created with this key field
    merge: tuple[str, ...] = ()  # ';'-separated codes united with the stored ones, never replaced

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).replace(" ", "_")

    def attnames(self) -> dict[str, str]:
        """field name -> attname, for the concrete fields a mapping may set."""
        return {f.name: f.attname for f in self.model._meta.concrete_fields if not f.primary_key}

    def scope(self, *, source_id: int, agency_id: int | None) -> dict:
        scope: dict[str, int | None] = {}
        if self.by_source:
            scope["source_id"] = source_id
        if self.by_agency:
            scope["agency_id"] = agency_id
        return scope


TARGETS: dict[str, Target] = {
    "agency": Target(Agency, ("source_row",), by_source=True, merge=("ori_codes",)),
    "district": Target(District, ("code",), by_source=False, by_agency=True, stub="code"),
    "command": Target(Command, ("code",), by_source=False, by_agency=True, stub="code"),
    "officer": Target(Officer, ("source_row",), by_source=True),
    "officer_identifier": Target(OfficerIdentifier, ("officer_id", "kind", "value"), by_source=True),
    "officer_alias": Target(OfficerAlias, ("officer_id", "first_name", "last_name"), by_source=True),
    "assignment": Target(Assignment, ("source_row",), by_source=True),
    "case": Target(PublicCase, ("source_row",), by_source=True),
    "allegation": Target(PublicAllegation, ("source_row",), by_source=True),
    "fatal_force_incident": Target(FatalForceIncident, ("source_row",), by_source=True),
    "settlement": Target(Settlement, ("source_row",), by_source=True),
    "settlement_officer": Target(SettlementOfficer, ("source_row",), by_source=True),
}

# Vocabularies map onto the canonical values of these fields; a mapping that names a value
# outside them fails before any row is read.
CATEGORY_FIELD = "category"


def allowed_values(target: Target, field: str) -> set[str] | None:
    if field == CATEGORY_FIELD and target.model is PublicAllegation:
        return set(AllegationCategory.objects.values_list("code", flat=True))
    choices = concrete_field(target.model, field).choices
    return {str(value) for value, _ in choices} if choices else None
