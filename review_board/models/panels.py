from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from misconduct_records.vocabulary import Discipline, Finding
from portal.encryption import EncryptedTextField

from .cases import Allegation, Case


class PanelKind(models.TextChoices):
    BOARD = "board", _("Review board panel")
    OVERSIGHT = "oversight", _("Internal Affairs Oversight Panel")


class Panel(models.Model):
    """The members who decide one case. `round` grows when the case comes back to them."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="panels")
    kind = models.CharField(max_length=20, choices=PanelKind, default=PanelKind.BOARD)
    formed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    formed_at = models.DateTimeField()
    round = models.PositiveSmallIntegerField(default=1)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-formed_at"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(is_active=True),
                                    name="panel_one_active_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case} panel ({self.get_kind_display()})"


class PanelSeat(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="panel_seats")
    seated_at = models.DateTimeField()
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    recused_at = models.DateTimeField(null=True, blank=True)
    conflict_note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["seated_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "member"], name="seat_unique_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.panel}"

    @property
    def is_sitting(self) -> bool:
        return self.recused_at is None


class Vote(models.Model):
    """One member's vote on one allegation in one round; a later vote in the round replaces it."""

    seat = models.ForeignKey(PanelSeat, on_delete=models.PROTECT, related_name="votes")
    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="votes")
    round = models.PositiveSmallIntegerField()
    finding = models.CharField(max_length=30, choices=Finding)
    discipline = models.CharField(max_length=30, choices=Discipline, blank=True)
    suspension_days = models.PositiveSmallIntegerField(null=True, blank=True)
    cast_at = models.DateTimeField()

    class Meta:
        ordering = ["allegation", "seat"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "allegation", "round"],
                                    name="vote_one_per_seat_allegation_round"),
        ]

    def __str__(self) -> str:
        return f"{self.seat.member}: {self.finding}"
