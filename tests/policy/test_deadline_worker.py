"""Runs only on .ci/run's second pass: the beat task, run by a real Celery worker, marks an
overdue recommendation "no response" for the public."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from policy.models import DepartmentResponse
from policy.tasks import check_response_deadlines
from policy.vocabulary import ResponseState

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_marks_no_response_after_the_deadline(real_worker, published, journalist):
    DepartmentResponse.objects.filter(pk=published.response.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1))
    check_response_deadlines.delay()
    deadline = time.monotonic() + 30
    response = published.response
    while time.monotonic() < deadline:
        response.refresh_from_db()
        if response.state == ResponseState.NO_RESPONSE:
            break
        time.sleep(0.2)
    assert response.state == ResponseState.NO_RESPONSE
    page = journalist.get(reverse("policy:recommendation_detail", args=[published.number]))
    assert "did not respond by the deadline" in page.content.decode()
