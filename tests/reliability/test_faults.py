"""Faults injected into the real stack: Redis stopped while residents file, the worker killed
mid-task and mid-send, the database connections dropped, a mail server that hangs and one that
refuses. After recovery every acknowledged complaint is stored exactly once and every
notification is delivered exactly once, counted at the mail server."""

from collections import Counter
from collections import Counter as StatusCounter

import pytest
from django.db import connection

from complaints.models import Complaint
from portal.models import OutboxMessage
from tests.reliability.load_driver import file_one
from tests.reliability.stack import MailServer, Stack, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="the production stack runs on PostgreSQL (.ci/run's second pass)"),
]


def _database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host, port = s.get("HOST") or "127.0.0.1", s.get("PORT") or 5432
    return f"postgres://{s.get('USER') or 'postgres'}{password}@{host}:{port}/{s['NAME']}"


@pytest.fixture
def mail():
    server = MailServer()
    yield server
    server.close()


@pytest.fixture
def stack(mail, tmp_path, district):
    running = Stack(database_url=_database_url(), mail=mail, logs=tmp_path).start()
    running.district = district
    yield running
    running.stop()


def _file(stack, count: int) -> list[str]:
    statuses = StatusCounter()
    numbers = [file_one(stack.url, n, str(stack.district.pk), statuses) for n in range(count)]
    assert all(numbers), f"a resident was not shown a tracking number: {dict(statuses)}"
    assert not [s for s in statuses if int(s.split()[1]) >= 500], dict(statuses)
    return numbers


def _requeue_undelivered(stack):
    ids = [str(pk) for pk in OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT)
           .values_list("pk", flat=True)]
    if ids:
        stack.manage("outbox_requeue", *ids)


def _assert_each_delivered_once(stack, acknowledged: list[str]):
    stored = list(Complaint.objects.values_list("tracking_number", flat=True))
    assert sorted(stored) == sorted(acknowledged)  # stored once each, nothing unacknowledged
    messages = OutboxMessage.objects.all()
    wait_for(lambda: not messages.exclude(status=OutboxMessage.Status.SENT).exists(), timeout=60,
             what="every message to be sent")
    counts = Counter(stack.mail.ids())
    assert len(counts) == messages.count() >= len(acknowledged)
    assert set(counts.values()) == {1}, f"delivered more than once: {counts.most_common(3)}"


def test_residents_file_while_redis_is_down(stack):
    before = _file(stack, 3)
    stack.stop_redis()
    during = _file(stack, 3)  # acknowledged and stored, the notifications wait in the outbox
    assert Complaint.objects.filter(tracking_number__in=during).count() == 3
    stack.start_redis()
    wait_for(stack.worker_answers, timeout=60, what="the worker to reconnect", every=1)
    _requeue_undelivered(stack)
    _assert_each_delivered_once(stack, before + during)


def test_worker_killed_while_the_mail_server_holds_a_message(stack):
    stack.mail.mode = "slow"
    stack.mail.data_started.clear()
    numbers = _file(stack, 1)
    assert stack.mail.data_started.wait(30), "the worker never reached the mail server"
    stack.kill_worker()
    stack.mail.mode = "ok"
    stack.start_worker()
    _requeue_undelivered(stack)
    _assert_each_delivered_once(stack, numbers)


def test_worker_killed_in_the_middle_of_a_batch(stack):
    stack.mail.mode, stack.mail.delay = "slow", 0.5
    numbers = _file(stack, 6)
    wait_for(lambda: len(stack.mail.accepted) >= 2, timeout=60, what="a first delivery")
    stack.kill_worker()
    stack.mail.mode = "ok"
    stack.start_worker()
    _requeue_undelivered(stack)
    _assert_each_delivered_once(stack, numbers)


def test_a_mail_server_that_never_answers_does_not_hold_the_worker(stack):
    stack.mail.mode = "hang"
    numbers = _file(stack, 2)
    failed = OutboxMessage.objects.exclude(last_error="")
    wait_for(lambda: failed.count() == 2, timeout=60, what="both sends to time out")
    assert stack.worker_answers(), "the worker is stuck"
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == 2
    stack.mail.mode = "ok"
    _requeue_undelivered(stack)
    _assert_each_delivered_once(stack, numbers)


def test_a_mail_server_that_refuses_is_tried_again_later(stack):
    stack.mail.close()
    numbers = _file(stack, 2)
    refused = OutboxMessage.objects.filter(last_error__icontains="refused")
    wait_for(lambda: refused.count() == 2, timeout=60, what="both sends to be refused")
    assert all(m.next_attempt_at > m.created_at for m in refused)
    stack.mail.open()
    _requeue_undelivered(stack)
    _assert_each_delivered_once(stack, numbers)


def test_dropped_database_connections_are_reopened(stack):
    numbers = _file(stack, 1)
    wait_for(lambda: len(stack.mail.accepted) == 1, timeout=60, what="the first delivery")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    numbers += _file(stack, 2)
    _requeue_undelivered(stack)
    _assert_each_delivered_once(stack, numbers)
