from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from rest_framework import generics
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from .models import Officer
from .selectors import officer_history, officer_summary
from .serializers import OfficerDetailSerializer, OfficerSerializer
from .vocabulary import FINDING_DEFINITIONS


def _officers_matching(query: str):
    officers = Officer.objects.select_related("agency", "district")
    if query:
        officers = officers.filter(
            Q(last_name__icontains=query) | Q(first_name__icontains=query)
            | Q(badge_number__iexact=query)
        )
    return officers


def officer_list(request):
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(_officers_matching(query), 50).get_page(request.GET.get("page"))
    return render(request, "misconduct_records/officer_list.html", {"page": page, "query": query})


def officer_detail(request, public_id: str):
    officer = get_object_or_404(Officer.objects.select_related("agency", "district"),
                                public_id=public_id)
    history = officer_history(officer=officer)
    page = Paginator(history, 100).get_page(request.GET.get("page"))
    return render(request, "misconduct_records/officer_detail.html", {
        "officer": officer,
        "page": page,
        "summary": officer_summary(officer=officer),
        "finding_definitions": FINDING_DEFINITIONS,
    })


class OfficerPagination(CursorPagination):
    ordering = ("last_name", "first_name", "id")
    page_size = 100


class OfficerListAPI(generics.ListAPIView):
    serializer_class = OfficerSerializer
    pagination_class = OfficerPagination

    def get_queryset(self):
        return _officers_matching(self.request.query_params.get("q", "").strip()[:100])


class OfficerDetailAPI(generics.RetrieveAPIView):
    serializer_class = OfficerDetailSerializer
    lookup_field = "public_id"
    queryset = Officer.objects.select_related("agency", "district")

    def retrieve(self, request, *args, **kwargs):
        officer = self.get_object()
        context = {**self.get_serializer_context(), "history": officer_history(officer=officer)}
        return Response(self.get_serializer(officer, context=context).data)
