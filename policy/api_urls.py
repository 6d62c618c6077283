from django.urls import path

from . import api

app_name = "policy_api"

urlpatterns = [
    path("recommendations/", api.RecommendationListAPI.as_view(), name="recommendation_list"),
    path("recommendations/<str:number>/", api.RecommendationDetailAPI.as_view(),
         name="recommendation_detail"),
    path("use-of-force-policies/", api.StandingListAPI.as_view(), name="standing_list"),
    path("meetings/", api.MeetingListAPI.as_view(), name="meeting_list"),
]
