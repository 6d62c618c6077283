from django.urls import path

from .views import api

app_name = "api"

urlpatterns = [
    path("", api.APIRoot.as_view(), name="root"),
    path("officers/", api.OfficerListAPI.as_view(), name="officer_list"),
    path("officers/<str:public_id>/", api.OfficerDetailAPI.as_view(), name="officer_detail"),
    path("allegations/", api.AllegationListAPI.as_view(), name="allegation_list"),
    path("cases/", api.CaseListAPI.as_view(), name="case_list"),
    path("cases/<str:public_id>/", api.CaseDetailAPI.as_view(), name="case_detail"),
    path("districts/", api.DistrictListAPI.as_view(), name="district_list"),
    path("settlements/", api.SettlementListAPI.as_view(), name="settlement_list"),
    path("settlement-totals/", api.SettlementTotalListAPI.as_view(), name="settlement_total_list"),
    path("sources/", api.SourceListAPI.as_view(), name="source_list"),
    path("complaints-received/", api.ComplaintsReceivedAPI.as_view(), name="complaints_received"),
]
