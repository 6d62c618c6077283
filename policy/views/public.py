"""The public pages of policy oversight: recommendations, the tracker, meetings."""

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from misconduct_records.models import Agency
from misconduct_records.views._paging import page_of
from portal.access import open_to_anyone
from portal.clients import client_over_limit
from portal.lifecycle import TransitionError
from portal.roles import user_has_role

from .. import selectors
from ..calendar import meetings_calendar
from ..filters import RecommendationFilter
from ..forms import CommentForm
from ..models import PolicyStandingRevision
from ..permissions import EDITING
from ..services import comment_submit, meeting_accepts_comments

COMMENTS = "policy.comment"
TOO_MANY_COMMENTS = _("Too many comments were sent from your connection in the last hour. "
                      "Please wait a while and try again.")


@open_to_anyone
def recommendation_list(request):
    filterset = RecommendationFilter(request.GET or None, queryset=selectors.recommendations_public())
    return render(request, "policy/recommendation_list.html", {
        "filter": filterset, "page": page_of(filterset.qs, request)})


@open_to_anyone
def recommendation_detail(request, number: str):
    rec = get_object_or_404(selectors.recommendations_public(), number=number)
    return render(request, "policy/recommendation_detail.html", {
        "rec": rec, "response": rec.response, "history": selectors.recommendation_history(rec),
        "updates": rec.implementation_updates.all(),
        "standings": rec.standings.select_related("agency", "measure"),
        "votes": rec.meeting_votes.select_related("meeting"),
    })


def _tracked_agencies():
    return Agency.objects.filter(
        Q(policy_standings__isnull=False) | Q(slug=settings.PORTAL["HOME_AGENCY_SLUG"])
    ).distinct().order_by("name")


@open_to_anyone
def tracker(request):
    return render(request, "policy/tracker.html", {
        "rows": selectors.tracker(list(_tracked_agencies())),
        "can_edit": user_has_role(request.user, *EDITING["tracker.edit"])})


@open_to_anyone
def tracker_history(request, agency_slug: str):
    agency = get_object_or_404(Agency, slug=agency_slug)
    revisions = (PolicyStandingRevision.objects.filter(standing__agency=agency)
                 .select_related("standing__measure"))
    return render(request, "policy/tracker_history.html", {
        "agency": agency, "page": page_of(revisions, request)})


@open_to_anyone
def meeting_list(request):
    return render(request, "policy/meeting_list.html", {
        "page": page_of(selectors.meetings_public(), request)})


@open_to_anyone
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(selectors.meetings_public(), pk=pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if client_over_limit(request, group=COMMENTS,
                             rate=f"{settings.POLICY['COMMENTS_PER_HOUR']}/h"):
            return render(request, "policy/comment_limited.html",
                          {"meeting": meeting, "message": TOO_MANY_COMMENTS}, status=429)
        if form.is_valid():
            try:
                comment_submit(meeting=meeting, body=form.cleaned_data["body"])
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                return redirect(f"{request.path}?comment=received#comments")
    return render(request, "policy/meeting_detail.html", {
        "meeting": meeting, "form": form, "accepts_comments": meeting_accepts_comments(meeting),
        "received": request.GET.get("comment") == "received",
        "comments": selectors.approved_comments(meeting),
        "votes": meeting.votes.select_related("recommendation"),
        "documents": meeting.documents.all(),
    })


@open_to_anyone
def meetings_ical(request):
    """An iCalendar feed of the board's meetings (RFC 5545), for any calendar application."""
    response = HttpResponse(meetings_calendar(request, selectors.meetings_public()[:500]),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="board-meetings.ics"'
    return response
