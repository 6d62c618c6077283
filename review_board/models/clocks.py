from django.db import models

from .cases import Case


class CaseDeadline(models.Model):
    """One clock of a case, stored whenever the case changes (review_board.deadlines), so that
    dashboards and reminders read due dates instead of recomputing business days."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stored_deadlines")
    kind = models.CharField(max_length=30)
    due_on = models.DateField(db_index=True)
    months = models.PositiveSmallIntegerField(default=0, help_text="For an overdue notice.")

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="deadline_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.case} {self.kind} {self.due_on}"
