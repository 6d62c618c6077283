from rest_framework import serializers

from .models import (
    DepartmentResponse,
    ImplementationUpdate,
    Meeting,
    MeetingVote,
    PolicyStanding,
    PolicyStandingRevision,
    Recommendation,
)


class ResponseSerializer(serializers.ModelSerializer):
    recommendation = serializers.CharField(source="recommendation.number", read_only=True)

    class Meta:
        model = DepartmentResponse
        fields = ["recommendation", "state", "due_on", "responded_on", "summary", "reason",
                  "document_url"]


class ImplementationUpdateSerializer(serializers.ModelSerializer):
    recommendation = serializers.CharField(source="recommendation.number", read_only=True)

    class Meta:
        model = ImplementationUpdate
        fields = ["recommendation", "status", "on", "evidence", "evidence_url"]


class RecommendationSerializer(serializers.ModelSerializer):
    related_cases = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)
    response_state = serializers.CharField(source="response.state", default=None, read_only=True)
    response_due_on = serializers.DateField(source="response.due_on", default=None, read_only=True)
    responded_on = serializers.DateField(source="response.responded_on", default=None,
                                         read_only=True)

    class Meta:
        model = Recommendation
        fields = ["number", "title", "area", "problem", "evidence", "recommendation",
                  "related_cases", "votes_for", "votes_against", "votes_abstaining",
                  "adopted_on", "published_on", "response_state", "response_due_on",
                  "responded_on"]


class RecommendationDetailSerializer(RecommendationSerializer):
    response = ResponseSerializer(read_only=True)
    implementation_updates = ImplementationUpdateSerializer(many=True, read_only=True)

    class Meta(RecommendationSerializer.Meta):
        fields = [*RecommendationSerializer.Meta.fields, "response", "implementation_updates"]


class StandingSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.slug", read_only=True)
    measure = serializers.CharField(source="measure.code", read_only=True)
    eight_cant_wait = serializers.CharField(source="measure.eight_cant_wait", read_only=True)
    recommendations = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        model = PolicyStanding
        fields = ["agency", "measure", "eight_cant_wait", "adoption", "policy_text", "policy_url",
                  "as_of", "continuum_levels", "recommendations", "updated_at"]


class StandingRevisionSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="standing.agency.slug", read_only=True)
    measure = serializers.CharField(source="standing.measure.code", read_only=True)

    class Meta:
        model = PolicyStandingRevision
        fields = ["agency", "measure", "changed_at", "adoption", "policy_text", "policy_url",
                  "as_of", "continuum_levels", "recommendation_numbers", "note"]


class MeetingVoteSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="meeting_id", read_only=True)
    recommendation = serializers.CharField(source="recommendation.number", default=None,
                                           read_only=True)

    class Meta:
        model = MeetingVote
        fields = ["meeting", "motion", "votes_for", "votes_against", "votes_abstaining", "outcome",
                  "recommendation"]


class MeetingSerializer(serializers.ModelSerializer):
    agenda = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "title", "starts_at", "ends_at", "place", "state", "agenda", "minutes"]

    def get_agenda(self, meeting) -> str:
        return meeting.agenda if meeting.agenda_is_public else ""

    def get_minutes(self, meeting) -> str:
        return meeting.minutes if meeting.minutes_are_public else ""
