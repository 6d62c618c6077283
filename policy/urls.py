from django.urls import path

from .views import public

app_name = "policy"

urlpatterns = [
    path("", public.recommendation_list, name="recommendation_list"),
    path("use-of-force/", public.tracker, name="tracker"),
    path("use-of-force/<slug:agency_slug>/history/", public.tracker_history, name="tracker_history"),
    path("meetings/", public.meeting_list, name="meeting_list"),
    path("meetings/calendar.ics", public.meetings_ical, name="meetings_ical"),
    path("meetings/<int:pk>/", public.meeting_detail, name="meeting_detail"),
    path("<str:number>/", public.recommendation_detail, name="recommendation_detail"),
]
