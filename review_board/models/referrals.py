from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from misconduct_records.models import DecertificationReferral, Officer

from .cases import Allegation, Case


class ReferralStatus(models.TextChoices):
    TO_SEND = "to_send", _("To be sent")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    DECIDED = "decided", _("Decided")


# The certification body's possible decisions are the public record's outcomes of a referral.
ReferralDecision = DecertificationReferral.Status


class CertificationReferral(models.Model):
    """A referral of an officer to the state's certification body, made when a finding meets one
    of the body's rules (settings: CERTIFICATION["RULES"]); staff send it, track it and publish it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    allegation = models.OneToOneField(Allegation, on_delete=models.PROTECT, related_name="referral")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(max_length=60, help_text=_("The code of the rule that required it."))
    reason = models.CharField(max_length=300, help_text=_("Public: why the officer was referred."))
    certifying_body = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=ReferralStatus, default=ReferralStatus.TO_SEND,
                              db_index=True)
    created_at = models.DateTimeField()
    sent_on = models.DateField(null=True, blank=True)
    body_reference = models.CharField(max_length=60, blank=True,
                                      help_text=_("The certification body's own reference."))
    acknowledged_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=ReferralDecision, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    public_referral_id = models.PositiveIntegerField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case} referral of officer {self.officer_id}"
