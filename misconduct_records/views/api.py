"""The read-only JSON API: the same FilterSets as the pages, cursor pagination, anonymous access
with the throttling rates of settings.REST_FRAMEWORK."""

import base64
import binascii
from urllib.parse import parse_qs

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors
from ..filters import AllegationFilter, CaseFilter, DistrictFilter, OfficerFilter, SettlementFilter
from ..models import ComplaintsReceived, District, PublicCase, Settlement, Source
from ..serializers import (
    OFFICER_ROW_COLUMNS,
    AllegationSerializer,
    CaseSerializer,
    ComplaintsReceivedSerializer,
    DistrictSerializer,
    OfficerDetailSerializer,
    OfficerSerializer,
    SettlementSerializer,
    SettlementTotalSerializer,
    SourceSerializer,
    allegation_row,
    case_row,
    officer_row,
)
from ._keyset import KeysetPagination

DETAIL_HISTORY_LIMIT = 500


class PublicCursorPagination(CursorPagination):
    """Stable pages over a unique ordering; `sort` of the FilterSet applies where it is not null."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = ("id",)

    def paginate_queryset(self, queryset, request, view=None):
        """A cursor that does not decode, or whose position does not fit the ordering, is a 400."""
        try:
            return super().paginate_queryset(queryset, request, view)
        except (NotFound, DjangoValidationError, ValueError, TypeError, OverflowError) as exc:
            raise ParseError(self.invalid_cursor_message) from exc

    def decode_cursor(self, request):
        """Only a cursor as this API writes it: base64 of o (a small offset), r and p."""
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            tokens = parse_qs(base64.b64decode(encoded, validate=True).decode("ascii"),
                              keep_blank_values=True, strict_parsing=True)
        except (binascii.Error, UnicodeError, ValueError) as exc:
            raise ParseError(self.invalid_cursor_message) from exc
        offset = tokens.get("o", ["0"])[0]
        if not tokens or set(tokens) - {"o", "r", "p"} or not offset.isdigit() \
                or int(offset) > self.offset_cutoff:
            raise ParseError(self.invalid_cursor_message)
        return super().decode_cursor(request)

    def get_ordering(self, request, queryset, view):
        sort = request.query_params.get("sort", "")
        if sort in getattr(view, "cursor_sorts", {}):
            return (*view.cursor_sorts[sort], "id")
        return view.cursor_ordering


class OfficerListAPI(generics.ListAPIView):
    """Officers, searchable by name or badge and filterable like the officers page. A search
    lists the best matches first unless `sort` asks for another order."""

    serializer_class = OfficerSerializer
    pagination_class = KeysetPagination
    filterset_class = OfficerFilter

    def get_queryset(self):
        return selectors.officers_public()

    def keyset_ordering(self, request, queryset) -> tuple[str, ...]:
        sort = request.query_params.get("sort", "")
        if sort in selectors.OFFICER_SORTS:
            return selectors.OFFICER_SORTS[sort]
        if selectors.officer_search_ranks(queryset):
            return selectors.OFFICER_SEARCH_ORDER
        return selectors.OFFICER_ORDER

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        ordered_by = [name.lstrip("-") for name in self.keyset_ordering(request, queryset)]
        columns = dict.fromkeys([*OFFICER_ROW_COLUMNS.values(), *ordered_by])
        rows = self.paginate_queryset(queryset.values(*columns))
        return self.get_paginated_response([officer_row(values) for values in rows])


class OfficerDetailAPI(generics.RetrieveAPIView):
    """One officer with its allegation history (newest first, up to 500; use /allegations/ for more)."""

    serializer_class = OfficerDetailSerializer
    lookup_field = "public_id"

    def get_queryset(self):
        return selectors.officers_public().select_related("source")

    def retrieve(self, request, *args, **kwargs):
        officer = self.get_object()
        history = selectors.allegations_named(selectors.officer_history(officer=officer).select_related(
            "officer")[:DETAIL_HISTORY_LIMIT])
        context = {**self.get_serializer_context(), "history": history}
        return Response(self.get_serializer(officer, context=context).data)


class AllegationListAPI(generics.ListAPIView):
    """Every allegation with recommended and board findings, discipline, and its source values."""

    serializer_class = AllegationSerializer
    pagination_class = PublicCursorPagination
    filterset_class = AllegationFilter
    cursor_ordering = ("-id",)

    def get_queryset(self):
        return selectors.allegations_public()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response([allegation_row(a) for a in selectors.allegations_named(page)])


class CaseListAPI(generics.ListAPIView):
    serializer_class = CaseSerializer
    pagination_class = PublicCursorPagination
    filterset_class = CaseFilter
    cursor_ordering = ("-id",)
    queryset = PublicCase.objects.select_related("agency", "district", "source")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response([case_row(case) for case in page])


class CaseDetailAPI(generics.RetrieveAPIView):
    serializer_class = CaseSerializer
    lookup_field = "public_id"
    queryset = PublicCase.objects.select_related("agency", "district", "source")


class DistrictListAPI(generics.ListAPIView):
    serializer_class = DistrictSerializer
    pagination_class = PublicCursorPagination
    filterset_class = DistrictFilter
    cursor_ordering = ("id",)
    queryset = District.objects.select_related("agency")


class ComplaintsReceivedAPI(generics.ListAPIView):
    """Complaints received per month, agency and district (counts only; cases appear when opened)."""

    serializer_class = ComplaintsReceivedSerializer
    pagination_class = PublicCursorPagination
    filterset_class = None
    cursor_ordering = ("month", "id")
    queryset = ComplaintsReceived.objects.select_related("agency", "district")


class SourceListAPI(generics.ListAPIView):
    serializer_class = SourceSerializer
    pagination_class = PublicCursorPagination
    filterset_class = None
    cursor_ordering = ("id",)
    queryset = Source.objects.all()


class APIRootSerializer(serializers.Serializer):
    """Where each list of the API lives, and where its documentation is."""

    officers = serializers.URLField()
    allegations = serializers.URLField()
    cases = serializers.URLField()
    districts = serializers.URLField()
    sources = serializers.URLField()
    settlements = serializers.URLField()
    settlement_totals = serializers.URLField()
    docs = serializers.URLField()
    schema = serializers.URLField()
    downloads = serializers.URLField()


class APIRoot(APIView):
    """The API's front door: a link to every endpoint, to the docs and to the schema."""

    serializer_class = APIRootSerializer

    @extend_schema(responses=APIRootSerializer)
    def get(self, request):
        link = lambda name: request.build_absolute_uri(reverse(name))  # noqa: E731
        return Response({
            **{name: link(f"api:{name[:-1]}_list") for name in
               ("officers", "allegations", "cases", "districts", "sources")},
            "settlements": link("api:settlement_list"),
            "settlement_totals": link("api:settlement_total_list"),
            "docs": link("api_docs"), "schema": link("api_schema"),
            "downloads": link("records:data_index"),
        })
class SettlementListAPI(generics.ListAPIView):
    """Lawsuits and claims settled with money (amounts in cents); never the plaintiffs. The
    publisher warns that cities are not comparable with each other."""

    serializer_class = SettlementSerializer
    pagination_class = PublicCursorPagination
    filterset_class = SettlementFilter
    cursor_ordering = ("id",)
    queryset = Settlement.objects.select_related("agency", "source").distinct()


class SettlementTotalListAPI(generics.ListAPIView):
    """Settlements and money paid per agency and year (`?agency=<slug>`). Not comparable between
    cities; compare years within one city only with great care."""

    serializer_class = SettlementTotalSerializer
    pagination_class = None
    filterset_class = None

    def get_queryset(self):
        totals = selectors.settlement_totals()
        agency = self.request.query_params.get("agency")
        return totals.filter(agency__slug=agency) if agency else totals
