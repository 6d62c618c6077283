"""The public pages, the API and the downloads show published policy records, and only those.

Jo (anonymous) reads; Eli and Carmen work on the staff pages.
"""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from policy import services
from policy.models import MeetingComment, PolicyMeasure
from policy.vocabulary import MeetingState, ResponseState
from tests.factories import AgencyFactory

from .conftest import draft_recommendation, publish

pytestmark = pytest.mark.django_db


def test_list_shows_published_recommendations_with_filters(journalist, published, records_editor):
    draft_recommendation(records_editor, title="A draft nobody sees yet")
    page = journalist.get(reverse("policy:recommendation_list")).content.decode()
    assert published.title in page and "A draft nobody sees yet" not in page
    year = timezone.localdate().year
    for query, shown in [({"area": "use_of_force"}, True), ({"area": "training"}, False),
                         ({"status": "awaiting"}, True), ({"status": "rejected"}, False),
                         ({"year": year}, True), ({"year": year - 1}, False)]:
        page = journalist.get(reverse("policy:recommendation_list"), query).content.decode()
        assert (published.title in page) is shown, query


def test_a_draft_has_no_public_page(journalist, draft):
    assert journalist.get(reverse("policy:recommendation_detail", args=[draft.number])).status_code == 404


def test_public_page_shows_the_response_and_history(journalist, published, records_editor):
    services.response_record(response=published.response, actor=records_editor,
                             to=ResponseState.REJECTED, responded_on=datetime.date(2026, 5, 4),
                             reason="The union contract forbids it.")
    response = journalist.get(reverse("policy:recommendation_detail", args=[published.number]))
    page = response.content.decode()
    assert "Rejected" in page and "The union contract forbids it." in page
    for step in ["Drafted by staff", "Adopted by the board", "Published"]:
        assert step in page
    assert "5 in favour, 1 against, 1 abstaining" in page
    assert "eli" not in page  # staff accounts are not named
    assert not response.cookies  # reading leaves no trace


def test_api_and_downloads_include_the_recommendations(journalist, published):
    listing = journalist.get("/api/v1/policy/recommendations/").json()
    assert [r["number"] for r in listing["results"]] == [published.number]
    assert listing["results"][0]["response_state"] == "awaiting"
    detail = journalist.get(f"/api/v1/policy/recommendations/{published.number}/").json()
    assert detail["response"]["due_on"]
    download = journalist.get(reverse("records:data_download",
                                      args=["policy_recommendations", "json"]))
    rows = json.loads(b"".join(download.streaming_content))
    assert [r["number"] for r in rows] == [published.number]
    assert "policy_recommendations" in journalist.get(reverse("records:data_index")).content.decode()


def test_meeting_page_takes_a_moderated_comment(journalist, upcoming_meeting, board_chair,
                                                client_for):
    url = reverse("policy:meeting_detail", args=[upcoming_meeting.pk])
    assert "Send a written comment" not in journalist.get(url).content.decode()  # no agenda yet
    services.meeting_transition(meeting=upcoming_meeting, to=MeetingState.AGENDA_PUBLISHED,
                                actor=board_chair)
    response = journalist.post(url, {"body": "Please ban knee holds."})
    assert response.status_code == 302
    assert "Please ban knee holds." not in journalist.get(url).content.decode()  # held
    comment = MeetingComment.objects.get()
    staff_page = client_for(board_chair).get(
        reverse("policy_staff:meeting_manage", args=[upcoming_meeting.pk])).content.decode()
    assert "Please ban knee holds." in staff_page
    client_for(board_chair).post(reverse("policy_staff:comment_moderate", args=[comment.pk]),
                                 {"decision": "approve"})
    assert "Please ban knee holds." in journalist.get(url).content.decode()


def test_comments_are_rate_limited(journalist, upcoming_meeting, board_chair, settings):
    settings.POLICY = {**settings.POLICY, "COMMENTS_PER_HOUR": 2}
    services.meeting_transition(meeting=upcoming_meeting, to=MeetingState.AGENDA_PUBLISHED,
                                actor=board_chair)
    url = reverse("policy:meeting_detail", args=[upcoming_meeting.pk])
    codes = [journalist.post(url, {"body": f"Comment {i}"}).status_code for i in range(3)]
    assert codes == [302, 302, 429]
    assert MeetingComment.objects.count() == 2


def test_no_comment_after_the_meeting_started(journalist, upcoming_meeting, board_chair):
    services.meeting_transition(meeting=upcoming_meeting, to=MeetingState.AGENDA_PUBLISHED,
                                actor=board_chair)
    type(upcoming_meeting).objects.filter(pk=upcoming_meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=1))
    url = reverse("policy:meeting_detail", args=[upcoming_meeting.pk])
    page = journalist.post(url, {"body": "Too late."}).content.decode()
    assert "closed" in page and not MeetingComment.objects.exists()


def test_calendar_feed_lists_the_meetings(journalist, upcoming_meeting):
    response = journalist.get(reverse("policy:meetings_ical"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Monthly public meeting" in body
    assert "LOCATION:City Hall\\, Room 801" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_meeting_votes_and_minutes_are_public_once_published(journalist, upcoming_meeting,
                                                             board_chair, published):
    services.meeting_vote_record(meeting=upcoming_meeting, actor=board_chair,
                                 motion="Adopt the knee-hold recommendation", votes_for=5,
                                 votes_against=1, recommendation=published)
    services.meeting_update(meeting=upcoming_meeting, actor=board_chair, minutes="Met at 6 pm.")
    url = reverse("policy:meeting_detail", args=[upcoming_meeting.pk])
    page = journalist.get(url).content.decode()
    assert "Passed" in page and "Met at 6 pm." not in page
    for to in (MeetingState.AGENDA_PUBLISHED, MeetingState.HELD, MeetingState.MINUTES_PUBLISHED):
        if to == MeetingState.HELD:
            type(upcoming_meeting).objects.filter(pk=upcoming_meeting.pk).update(
                starts_at=timezone.now() - datetime.timedelta(hours=1))
        services.meeting_transition(meeting=upcoming_meeting, to=to, actor=board_chair)
    assert "Met at 6 pm." in journalist.get(url).content.decode()


def test_staff_pages_render(client_for, records_editor, board_chair, published, upcoming_meeting):
    eli, carmen = client_for(records_editor), client_for(board_chair)
    for client, url in [
        (eli, reverse("policy_staff:index")),
        (eli, reverse("policy_staff:recommendation_new")),
        (eli, reverse("policy_staff:recommendation_manage", args=[published.number])),
        (carmen, reverse("policy_staff:meeting_manage", args=[upcoming_meeting.pk])),
        (eli, reverse("policy_staff:standing_edit", args=[AgencyFactory().slug, "force-continuum"])),
    ]:
        assert client.get(url).status_code == 200, url


def test_tracker_page_lists_the_home_agency(journalist, settings):
    agency = AgencyFactory()
    settings.PORTAL = {**settings.PORTAL, "HOME_AGENCY_SLUG": agency.slug}
    page = journalist.get(reverse("policy:tracker")).content.decode()
    assert agency.name in page and "Ban chokeholds and strangleholds" in page


def test_a_comment_is_taken_when_the_cache_is_down(journalist, upcoming_meeting, board_chair,
                                                   monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr("portal.clients.is_ratelimited", unreachable)
    services.meeting_transition(meeting=upcoming_meeting, to=MeetingState.AGENDA_PUBLISHED,
                                actor=board_chair)
    url = reverse("policy:meeting_detail", args=[upcoming_meeting.pk])
    assert journalist.post(url, {"body": "Still heard."}).status_code == 302
    assert MeetingComment.objects.count() == 1


def test_public_pages_need_a_bounded_number_of_queries(journalist, records_editor, board_chair,
                                                        agency, django_assert_max_num_queries):
    recs = [publish(draft_recommendation(records_editor, title=f"Recommendation {i}"),
                    chair=board_chair, editor=records_editor) for i in range(6)]
    for measure in PolicyMeasure.objects.all():
        services.standing_update(agency=agency, measure=measure, actor=records_editor,
                                 adoption="adopted", recommendations=recs[:3])
    for url in [reverse("policy:recommendation_list"), reverse("policy:tracker"),
                reverse("policy:tracker_history", args=[agency.slug]),
                reverse("policy:recommendation_detail", args=[recs[0].number])]:
        with django_assert_max_num_queries(12):
            assert journalist.get(url).status_code == 200


@pytest.mark.parametrize("year", ["0", "-5", "99999", "2024.5", "\x00"])
def test_a_year_that_cannot_be_one_is_a_message_not_a_server_error(client, year):
    page = client.get("/policy/", {"year": year})
    assert page.status_code in (200, 400)
    assert "Enter a year between 1900 and 2100" in page.content.decode()
    assert client.get("/api/v1/policy/recommendations/", {"year": year}).status_code == 400
