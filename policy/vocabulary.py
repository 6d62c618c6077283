"""The public vocabulary of policy oversight; labels are translatable."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyArea(models.TextChoices):
    USE_OF_FORCE = "use_of_force", _("Use of force")
    TRAINING = "training", _("Training")
    BODY_WORN_CAMERAS = "body_worn_cameras", _("Body-worn cameras")
    MENTAL_HEALTH = "mental_health", _("Mental-health response")
    STOPS_AND_SEARCHES = "stops_and_searches", _("Stops and searches")
    OTHER = "other", _("Other")


class RecommendationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted by the board")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ResponseState(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting the department's response")
    UNDER_REVIEW = "under_review", _("Under review by the department")
    ACCEPTED = "accepted", _("Accepted")
    PARTIALLY_ACCEPTED = "partially_accepted", _("Partially accepted")
    REJECTED = "rejected", _("Rejected")
    NO_RESPONSE = "no_response", _("No response by the deadline")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTLY_IMPLEMENTED = "partly_implemented", _("Partly implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    ABANDONED = "abandoned", _("Abandoned")


class Adoption(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    PARTLY = "partly", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    UNKNOWN = "unknown", _("Not yet reviewed")


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    AGENDA_PUBLISHED = "agenda_published", _("Agenda published")
    HELD = "held", _("Held")
    MINUTES_PUBLISHED = "minutes_published", _("Minutes published")
    CANCELLED = "cancelled", _("Cancelled")


class VoteOutcome(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Not passed")


class CommentState(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Not published")
