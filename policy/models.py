"""Policy oversight: the board's recommendations, the department's responses, the use-of-force
policy tracker and board meetings. Everything here is public once published; nothing private."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from misconduct_records.models import Agency, PublicCase
from misconduct_records.vocabulary import EightCantWait
from portal.encryption import EncryptedTextField

from .vocabulary import (
    Adoption,
    CommentState,
    ImplementationStatus,
    MeetingState,
    PolicyArea,
    RecommendationState,
    ResponseState,
    VoteOutcome,
)


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state=RecommendationState.PUBLISHED)


class Recommendation(models.Model):
    """A policy recommendation: drafted by staff, adopted by a board vote, then published."""

    number = models.CharField(max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    area = models.CharField(_("policy area"), max_length=30, choices=PolicyArea, db_index=True)
    problem = models.TextField(_("the problem"))
    evidence = models.TextField(_("the evidence"), blank=True,
                                help_text=_("Report figures, links and what the cases show."))
    related_cases = models.ManyToManyField(PublicCase, blank=True, related_name="+",
                                           verbose_name=_("related public cases"))
    recommendation = models.TextField(_("the recommendation"))
    state = models.CharField(max_length=20, choices=RecommendationState,
                             default=RecommendationState.DRAFT, db_index=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_abstaining = models.PositiveSmallIntegerField(null=True, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True, db_index=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class DepartmentResponse(models.Model):
    """What the department said about one published recommendation, and when."""

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE,
                                          related_name="response")
    state = models.CharField(max_length=20, choices=ResponseState, default=ResponseState.AWAITING,
                             db_index=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(db_index=True)
    reminder_sent_on = models.DateField(null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)
    reason = models.TextField(blank=True, help_text=_("The department's stated reason."))
    document_url = models.URLField(blank=True)

    def __str__(self) -> str:
        return f"{self.recommendation.number}: {self.get_state_display()}"


class ImplementationUpdate(models.Model):
    """One dated step of putting a recommendation into practice, with its evidence."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE,
                                       related_name="implementation_updates")
    status = models.CharField(_("status"), max_length=20, choices=ImplementationStatus)
    on = models.DateField(_("date"))
    evidence = models.TextField(_("evidence"))
    evidence_url = models.URLField(_("link to the evidence"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on}: {self.get_status_display()}"


class PolicyMeasure(models.Model):
    """A measure the tracker follows: one of the "8 Can't Wait" or one the city adds (data)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    eight_cant_wait = models.CharField(max_length=30, choices=EightCantWait, blank=True)
    counts_levels = models.BooleanField(default=False,
                                        help_text=_("The measure records a number of levels."))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.eight_cant_wait:
            return str(EightCantWait(self.eight_cant_wait).label)
        return gettext(self.name)  # city-added names may have a catalog entry


class PolicyStanding(models.Model):
    """Where one agency's written policy stands on one measure, now."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="policy_standings")
    measure = models.ForeignKey(PolicyMeasure, on_delete=models.PROTECT, related_name="standings")
    adoption = models.CharField(_("adoption"), max_length=20, choices=Adoption,
                                default=Adoption.UNKNOWN)
    policy_text = models.TextField(_("policy text"), blank=True)
    policy_url = models.URLField(_("link to the policy"), blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    continuum_levels = models.PositiveSmallIntegerField(_("continuum levels"), null=True, blank=True)
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="standings",
                                             verbose_name=_("related recommendations"))
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agency_id", "measure__position"]
        constraints = [models.UniqueConstraint(fields=["agency", "measure"],
                                               name="one_standing_per_agency_measure")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.measure_id}: {self.adoption}"


class PolicyStandingRevision(models.Model):
    """A standing as it was after one change: the tracker's history, append-only."""

    standing = models.ForeignKey(PolicyStanding, on_delete=models.CASCADE, related_name="revisions")
    changed_at = models.DateTimeField(db_index=True)
    adoption = models.CharField(max_length=20, choices=Adoption)
    policy_text = models.TextField(blank=True)
    policy_url = models.URLField(blank=True)
    as_of = models.DateField(null=True, blank=True)
    continuum_levels = models.PositiveSmallIntegerField(null=True, blank=True)
    recommendation_numbers = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.standing_id} at {self.changed_at:%Y-%m-%d}"


class Meeting(models.Model):
    """A public meeting of the board: agenda ahead, minutes and vote outcomes after."""

    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    state = models.CharField(max_length=20, choices=MeetingState, default=MeetingState.SCHEDULED,
                             db_index=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    @property
    def agenda_is_public(self) -> bool:
        return self.state in (MeetingState.AGENDA_PUBLISHED, MeetingState.HELD,
                              MeetingState.MINUTES_PUBLISHED)

    @property
    def minutes_are_public(self) -> bool:
        return self.state == MeetingState.MINUTES_PUBLISHED


class MeetingVote(models.Model):
    """A public vote's aggregate outcome; deliberations in closed session are not recorded."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    motion = models.CharField(_("motion"), max_length=300)
    votes_for = models.PositiveSmallIntegerField(_("in favour"))
    votes_against = models.PositiveSmallIntegerField(_("against"))
    votes_abstaining = models.PositiveSmallIntegerField(_("abstaining"), default=0)
    outcome = models.CharField(_("outcome"), max_length=10, choices=VoteOutcome)
    recommendation = models.ForeignKey(Recommendation, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="meeting_votes",
                                       verbose_name=_("recommendation"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.motion}: {self.outcome}"


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class StepReason(models.Model):
    """Why a policy record moved (a draft withdrawn, an answer rejected, a meeting cancelled).

    Kept here, not in the audit trail, so that it can be corrected or erased; the audit event
    names the row.
    """

    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    text = models.TextField()
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.target_type}:{self.target_id} ({self.created_at:%Y-%m-%d})"


class MeetingComment(models.Model):
    """A resident's written comment before a meeting; shown only once a moderator approves it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="comments")
    body = EncryptedTextField()
    state = models.CharField(max_length=10, choices=CommentState, default=CommentState.PENDING,
                             db_index=True)
    submitted_at = models.DateTimeField()
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"comment {self.pk} ({self.state})"
