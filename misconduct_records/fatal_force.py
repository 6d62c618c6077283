"""Fatal police shootings, one row per incident, as a published data set records them.

Only incident-level facts are kept: when and where, the agencies involved and the
circumstances the publisher coded. The name of the person killed is never stored, nor the
exact coordinates of where they died; age is kept in bands, which is enough for the
aggregate figures (by age group, gender, race, agency) this data is used for.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    UNDER_18 = "0-17", _("Under 18")
    FROM_18 = "18-24", _("18 to 24")
    FROM_25 = "25-34", _("25 to 34")
    FROM_35 = "35-44", _("35 to 44")
    FROM_45 = "45-54", _("45 to 54")
    FROM_55 = "55-64", _("55 to 64")
    FROM_65 = "65+", _("65 and over")


class FatalForceIncident(models.Model):
    incident_on = models.DateField(db_index=True)
    city = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True, db_index=True)
    agencies = models.ManyToManyField("misconduct_records.Agency", blank=True,
                                      related_name="fatal_force_incidents")
    threat_type = models.CharField(max_length=30, blank=True)
    flee_status = models.CharField(max_length=30, blank=True)
    armed_with = models.CharField(max_length=100, blank=True,
                                  help_text="As published; several values are joined with ';'.")
    was_mental_illness_related = models.BooleanField(null=True, blank=True)
    body_camera = models.BooleanField(null=True, blank=True)
    # Aggregate-safe demographics of the person killed, as published (age only as a band).
    age_band = models.CharField(max_length=10, choices=AgeBand, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    race = models.CharField(max_length=20, blank=True)
    source = models.ForeignKey("misconduct_records.Source", on_delete=models.PROTECT, related_name="+")
    source_row = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-incident_on", "id"]
        indexes = [models.Index(fields=["source", "source_row"])]

    def __str__(self) -> str:
        return f"{self.incident_on} {self.city}, {self.state}"
