"""Jo subscribes (double opt-in) and unsubscribes in one click; Jo comments on a report and
Eli publishes the comment with an answer; the live statistics page."""

import datetime
import re

import pytest
from django.core import mail

from misconduct_records.services import record_version_bump
from portal.models import AuditEvent
from reports.figures import cell
from reports.models import Feedback, FeedbackStatus, Report, Subscriber
from reports.periods import Period
from reports.services.generation import report_request

pytestmark = pytest.mark.django_db
Q3 = Period("quarterly", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))


def _link(message, path):
    return re.search(rf"https?://[^/\s]+(/{path}/[^\s]+/)", message.body).group(1)


def _publish(capture):
    with capture(execute=True):
        report_request(period=Q3, own=True, agency=None)
    return Report.objects.get()


def test_subscription_needs_confirming_and_each_report_is_announced(
        journalist, quarter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = journalist.post("/reports/subscribe/", {"email": "Jo@Example.org"})
    assert response.status_code == 200
    confirm = _link(mail.outbox[-1], "reports/subscribe/confirm")
    assert journalist.get(confirm).status_code == 200  # a link scanner confirms nothing
    assert Subscriber.objects.get().confirmed_at is None
    journalist.post(confirm)
    assert Subscriber.objects.get().confirmed_at is not None
    assert journalist.post(confirm).status_code == 404  # single use

    with django_capture_on_commit_callbacks(execute=True):
        report = _publish(django_capture_on_commit_callbacks)
    announcement = mail.outbox[-1]
    assert announcement.to == ["jo@example.org"] and report.slug in announcement.body
    unsubscribe = _link(announcement, "reports/unsubscribe")
    assert journalist.post(unsubscribe).status_code == 200  # one click, no CSRF token
    assert not Subscriber.objects.exists()


def test_a_comment_waits_for_moderation_then_shows_with_its_answer(
        journalist, quarter, records_editor, client_for, django_capture_on_commit_callbacks):
    report = _publish(django_capture_on_commit_callbacks)
    journalist.post(f"/reports/{report.slug}/comment/", {"body": "Why are referrals so few?"})
    feedback = Feedback.objects.get()
    assert "so few" not in journalist.get(f"/reports/{report.slug}/").content.decode()
    editor = client_for(records_editor)
    assert "so few" in editor.get("/reports/manage/").content.decode()
    editor.post(f"/reports/manage/feedback/{feedback.pk}/",
                {"status": FeedbackStatus.PUBLISHED, "answer": "Most cases are still open."})
    page = journalist.get(f"/reports/{report.slug}/").content.decode()
    assert "so few" in page and "Most cases are still open." in page
    assert AuditEvent.objects.filter(action="report.feedback_moderate").exists()


def test_comments_are_rate_limited(journalist, quarter, settings, django_capture_on_commit_callbacks):
    report = _publish(django_capture_on_commit_callbacks)
    settings.REPORTS = {**settings.REPORTS, "FEEDBACK_PER_HOUR": 2}
    codes = [journalist.post(f"/reports/{report.slug}/comment/", {"body": f"n{i}"},
                             REMOTE_ADDR="203.0.113.9").status_code for i in range(3)]
    assert codes == [200, 200, 429]
    assert Feedback.objects.count() == 2


def test_only_records_editors_generate_reports_and_moderate(journalist, investigator, client_for):
    assert journalist.get("/reports/manage/").status_code in (302, 404)
    assert client_for(investigator).get("/reports/manage/").status_code == 404


def test_statistics_filter_link_and_suppress(journalist, quarter, django_assert_max_num_queries):
    url = "/statistics/?start=2026-07-01&end=2026-09-30&district=" + str(quarter["A-1"].pk)
    response = journalist.get(url)
    assert response.status_code == 200 and not response.cookies
    page = response.content.decode()
    assert "/allegations/?" in page and "received_from=2026-07-01" in page
    assert "suppressed" in page
    figures = response.context["figures"]
    assert figures["cells"][cell("cases_received")] == 16
    with django_assert_max_num_queries(12):  # cached: the figures are not recomputed
        journalist.get(url)


def test_statistics_are_recomputed_when_the_data_changes(journalist, quarter, agency,
                                                         django_capture_on_commit_callbacks):
    from tests.reports.conftest import _case

    url = "/statistics/?start=2026-07-01&end=2026-09-30"
    before = journalist.get(url).context["figures"]["cells"][cell("cases_received")]
    for i in range(5):
        _case(agency, None, datetime.date(2026, 8, 1 + i), datetime.date(2026, 8, 20))
    assert journalist.get(url).context["figures"]["cells"][cell("cases_received")] == before
    with django_capture_on_commit_callbacks(execute=True):
        record_version_bump()
    assert journalist.get(url).context["figures"]["cells"][cell("cases_received")] == before + 5


def test_statistics_tables_drawn_once_per_version_follow_the_data_and_the_language(
        journalist, quarter, agency, settings, django_capture_on_commit_callbacks):
    """The tables are drawn once per record version and language, never stale after a change."""
    from tests.reports.conftest import _case

    settings.PUBLIC_FRAGMENT_CACHE = True
    url = "/statistics/?start=2026-07-01&end=2026-09-30"
    cases = journalist.get(url).context["figures"]["cells"][cell("cases_received")]

    def received_cell(path):  # the cases received in the period, linked to the cases behind it
        page = journalist.get(path).content.decode()
        return re.findall(r'/cases/\?received_from=2026-07-01&amp;received_to=2026-09-30">(\d+)</a>', page)

    assert str(cases) in received_cell(url)
    assert "Casos" in journalist.get(f"/es{url}").content.decode()
    for i in range(5):
        _case(agency, None, datetime.date(2026, 8, 1 + i), datetime.date(2026, 8, 20))
    with django_capture_on_commit_callbacks(execute=True):
        record_version_bump()
    assert str(cases + 5) in received_cell(url)


def test_addresses_and_comments_are_encrypted_at_rest(journalist, quarter, django_capture_on_commit_callbacks):
    from django.db import connection

    report = _publish(django_capture_on_commit_callbacks)
    journalist.post("/reports/subscribe/", {"email": "jo@example.org"})
    journalist.post(f"/reports/{report.slug}/comment/", {"body": "My neighbour Ana saw it."})
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM reports_subscriber")
        stored_email = cursor.fetchone()[0]
        cursor.execute("SELECT body FROM reports_feedback")
        stored_body = cursor.fetchone()[0]
    assert "jo@example.org" not in stored_email and "Ana" not in stored_body
