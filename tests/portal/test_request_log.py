"""Log lines are JSON, carry the request's id (also sent back in X-Request-ID), and hold no
personal data: Rita files a complaint while the operator watches the log."""

import io
import json
import logging
from unittest import mock

import pytest
from django.test import Client

from portal.request_log import request_id_var, task_started
from tests.complaints.filing import file_complaint
from tests.slice import RITA

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """Everything the configured console handler writes, as a list of lines."""
    [handler] = [h for h in logging.getLogger().handlers if getattr(h, "name", "") == "console"]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: [line for line in stream.getvalue().splitlines() if line]
    handler.setStream(previous)


def test_every_response_names_its_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]


def test_a_proxys_request_id_is_kept_and_a_strange_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="edge-4f1c9a20")["X-Request-ID"] == "edge-4f1c9a20"
    assert client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


def test_a_server_error_is_logged_as_one_json_line_with_the_request_id(log_lines):
    client = Client(raise_request_exception=False)
    with mock.patch("misconduct_records.selectors.officers_public", side_effect=RuntimeError("boom")):
        response = client.get("/officers/")
    records = [json.loads(line.split("\n")[0]) for line in log_lines() if line.startswith("{")]
    errors = [r for r in records if r["logger"] == "django.request"]
    assert errors and errors[0]["request_id"] == response["X-Request-ID"]
    assert errors[0]["level"] == "ERROR" and "RuntimeError: boom" in errors[0]["exception"]


def test_filing_a_complaint_logs_no_personal_data(log_lines, district, django_capture_on_commit_callbacks):
    client = Client()
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("mail down")):
        with django_capture_on_commit_callbacks(execute=True):
            file_complaint(client, {**RITA, "district": district.pk})
    lines = log_lines()
    assert lines, "the failed e-mail should have been logged"
    for line in lines:
        record = json.loads(line)
        assert record["request_id"] != "-"
        for value in RITA.values():
            if isinstance(value, str) and len(value) > 3:
                assert value not in line


def test_task_log_lines_carry_the_task_id():
    token = request_id_var.set("-")
    task_started(task_id="abc123")
    assert request_id_var.get() == "task-abc123"
    request_id_var.reset(token)


def test_gunicorns_access_lines_carry_the_request_id_and_nothing_about_the_person():
    from django.conf import settings

    config = {}
    exec((settings.BASE_DIR / "gunicorn.conf.py").read_text(), config)  # noqa: S102 (our own file)
    access = config["access_log_format"]
    assert "%({x-request-id}o)s" in access
    for personal in ("%(h)s", "%(q)s", "%(r)s", "%(f)s", "%(a)s", "%(u)s"):
        assert personal not in access
