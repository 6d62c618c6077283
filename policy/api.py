"""The policy records in the read-only JSON API, beside the public record's endpoints."""

from rest_framework import generics

from misconduct_records.views.api import PublicCursorPagination

from . import selectors
from .filters import RecommendationFilter
from .models import Meeting, PolicyStanding
from .serializers import (
    MeetingSerializer,
    RecommendationDetailSerializer,
    RecommendationSerializer,
    StandingSerializer,
)


class RecommendationListAPI(generics.ListAPIView):
    """Published policy recommendations, filterable by area, response status and year."""

    serializer_class = RecommendationSerializer
    pagination_class = PublicCursorPagination
    filterset_class = RecommendationFilter
    cursor_ordering = ("-published_on", "-id")

    def get_queryset(self):
        return selectors.recommendations_public()


class RecommendationDetailAPI(generics.RetrieveAPIView):
    """One recommendation with the department's response and the implementation record."""

    serializer_class = RecommendationDetailSerializer
    lookup_field = "number"

    def get_queryset(self):
        return selectors.recommendations_public().prefetch_related("implementation_updates")


class StandingListAPI(generics.ListAPIView):
    """Where each agency's written use-of-force policy stands on each measure."""

    serializer_class = StandingSerializer
    pagination_class = PublicCursorPagination
    cursor_ordering = ("id",)

    def get_queryset(self):
        return PolicyStanding.objects.select_related("agency", "measure").prefetch_related(
            "recommendations")


class MeetingListAPI(generics.ListAPIView):
    """Board meetings, newest first; agendas and minutes once published."""

    serializer_class = MeetingSerializer
    pagination_class = PublicCursorPagination
    cursor_ordering = ("-starts_at", "-id")

    def get_queryset(self):
        return Meeting.objects.all()
