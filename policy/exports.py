"""The policy records in the bulk downloads and the nightly snapshot (registered at start-up)."""

from django.utils.translation import gettext_lazy as _

from misconduct_records.exports import PublicTable

from . import serializers as s
from .models import ImplementationUpdate, Meeting, MeetingVote, PolicyStanding, PolicyStandingRevision
from .selectors import recommendations_public

POLICY_TABLES = [
    PublicTable("policy_recommendations",
                _("The board's published policy recommendations and the department's response."),
                s.RecommendationSerializer, lambda: recommendations_public().order_by("id")),
    PublicTable("policy_implementation",
                _("Each dated step of putting a recommendation into practice, with its evidence."),
                s.ImplementationUpdateSerializer,
                lambda: ImplementationUpdate.objects.filter(recommendation__state="published")
                .select_related("recommendation").order_by("id")),
    PublicTable("use_of_force_policies",
                _("Where each agency's written policy stands on each use-of-force measure."),
                s.StandingSerializer,
                lambda: PolicyStanding.objects.select_related("agency", "measure")
                .prefetch_related("recommendations").order_by("id")),
    PublicTable("use_of_force_policy_history", _("Every change of the use-of-force policy tracker."),
                s.StandingRevisionSerializer,
                lambda: PolicyStandingRevision.objects.select_related(
                    "standing__agency", "standing__measure").order_by("id")),
    PublicTable("board_meetings", _("Board meetings: date, place, agenda and minutes."),
                s.MeetingSerializer, lambda: Meeting.objects.order_by("id")),
    PublicTable("board_votes", _("Public votes at board meetings, as aggregate outcomes."),
                s.MeetingVoteSerializer,
                lambda: MeetingVote.objects.select_related("recommendation").order_by("id")),
]
