from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.encryption import EncryptedTextField

from .cases import Case


class InvestigatorReport(models.Model):
    """The investigator's report: the facts found. The reasoning for each recommended finding
    is kept on its allegation. Required before a case goes to the board; never published."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="report")
    facts = EncryptedTextField(help_text=_("The facts the investigation found."))
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    written_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"report on {self.case}"
