from django.urls import path

from .views import staff

app_name = "policy_staff"

REC = "recommendations/<str:recommendation>/"
MEETING = "meetings/<int:meeting_id>/"

urlpatterns = [
    path("", staff.index, name="index"),
    path("recommendations/new/", staff.recommendation_new, name="recommendation_new"),
    path(REC, staff.recommendation_manage, name="recommendation_manage"),
    path(REC + "edit/", staff.recommendation_edit, name="recommendation_edit"),
    path(REC + "adopt/", staff.recommendation_adopt, name="recommendation_adopt"),
    path(REC + "move/", staff.recommendation_move, name="recommendation_move"),
    path(REC + "response/", staff.response_record, name="response_record"),
    path(REC + "implementation/", staff.implementation_add, name="implementation_add"),
    path("use-of-force/<slug:agency_slug>/<slug:measure_code>/", staff.standing_edit, name="standing_edit"),
    path("meetings/new/", staff.meeting_new, name="meeting_new"),
    path(MEETING, staff.meeting_manage, name="meeting_manage"),
    path(MEETING + "edit/", staff.meeting_edit, name="meeting_edit"),
    path(MEETING + "move/", staff.meeting_move, name="meeting_move"),
    path(MEETING + "votes/", staff.meeting_vote_add, name="meeting_vote_add"),
    path(MEETING + "documents/", staff.meeting_document_add, name="meeting_document_add"),
    path("comments/<int:comment_id>/", staff.comment_moderate, name="comment_moderate"),
]
