from django.urls import path

from .page_cache import public_page
from .views import api


def _cached(view_class):
    return public_page(view_class.as_view(), throttled=True)


app_name = "api"

urlpatterns = [
    path("", api.APIRoot.as_view(), name="root"),
    path("officers/", _cached(api.OfficerListAPI), name="officer_list"),
    path("officers/<str:public_id>/", _cached(api.OfficerDetailAPI), name="officer_detail"),
    path("allegations/", _cached(api.AllegationListAPI), name="allegation_list"),
    path("cases/", _cached(api.CaseListAPI), name="case_list"),
    path("cases/<str:public_id>/", _cached(api.CaseDetailAPI), name="case_detail"),
    path("districts/", _cached(api.DistrictListAPI), name="district_list"),
    path("settlements/", _cached(api.SettlementListAPI), name="settlement_list"),
    path("settlement-totals/", _cached(api.SettlementTotalListAPI), name="settlement_total_list"),
    path("sources/", _cached(api.SourceListAPI), name="source_list"),
    path("complaints-received/", api.ComplaintsReceivedAPI.as_view(), name="complaints_received"),
]
