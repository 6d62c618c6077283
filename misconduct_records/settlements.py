"""Lawsuits and claims a city settled with money, as published, and the officers they name.

A settlement belongs to an agency; its amounts are whole cents. Plaintiffs are private persons:
neither their names nor the plaintiff's part of a matter's title ("X v. PO Y #123") is ever
stored, only the defendants' part. Officers named there are linked to the record's officers
where the star number and surname match one officer, and the link says how it was made.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .vocabulary import DatePrecision, OfficerMatch


class Settlement(models.Model):
    agency = models.ForeignKey("misconduct_records.Agency", on_delete=models.PROTECT,
                               related_name="settlements")
    incident_on = models.DateField(null=True, blank=True)
    incident_on_precision = models.CharField(max_length=5, choices=DatePrecision, blank=True)
    filed_on = models.DateField(null=True, blank=True)
    filed_on_precision = models.CharField(max_length=5, choices=DatePrecision, blank=True)
    closed_on = models.DateField(null=True, blank=True,
                                 help_text="When the settlement was reached or paid, as the city gave it.")
    closed_on_precision = models.CharField(max_length=5, choices=DatePrecision, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, db_index=True,
        help_text="The calendar year the publisher assigned (of the settlement or its closing).")
    amount_awarded_cents = models.BigIntegerField(null=True, blank=True,
                                                  help_text="Paid to the claimant, in cents.")
    other_expenses_cents = models.BigIntegerField(null=True, blank=True,
                                                  help_text="Other costs such as legal fees, in cents.")
    total_incurred_cents = models.BigIntegerField(null=True, blank=True,
                                                  help_text="Total as published, in cents.")
    court = models.CharField(max_length=200, blank=True)
    docket_number = models.CharField(max_length=100, blank=True)
    claim_number = models.CharField(max_length=100, blank=True)
    claim_or_lawsuit = models.CharField(max_length=40, blank=True)
    defendants = models.TextField(blank=True,
                                  help_text="The defendants' part of the matter's title; never the plaintiff's.")
    allegations_summary = models.TextField(blank=True)
    outcome = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey("misconduct_records.Source", on_delete=models.PROTECT, related_name="+")
    source_row = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-closed_on", "id"]
        indexes = [models.Index(fields=["source", "source_row"]), models.Index(fields=["agency", "year"])]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.docket_number or self.claim_number or self.pk}"

    @property
    def amount_paid_cents(self) -> int | None:
        """What the city paid: the published total, else the award plus other costs."""
        if self.total_incurred_cents is not None:
            return self.total_incurred_cents
        if self.amount_awarded_cents is None and self.other_expenses_cents is None:
            return None
        return (self.amount_awarded_cents or 0) + (self.other_expenses_cents or 0)


class SettlementOfficer(models.Model):
    """An officer a settlement's matter names, as published, and the officer it was matched to."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="officers_named")
    officer = models.ForeignKey("misconduct_records.Officer", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="settlements_named")
    name_as_published = models.CharField(max_length=200)
    badge = models.CharField(max_length=30, blank=True)
    match = models.CharField(max_length=20, choices=OfficerMatch, blank=True,
                             help_text=_("How the officer was matched."))
    source = models.ForeignKey("misconduct_records.Source", on_delete=models.PROTECT, related_name="+")
    source_row = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["settlement", "id"]
        indexes = [models.Index(fields=["source", "source_row"])]

    def __str__(self) -> str:
        return self.name_as_published
