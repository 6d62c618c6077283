import os

from celery import Celery
from celery.signals import beat_init, task_prerun, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.development")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _refuse_to_start_if_misconfigured(**kwargs):
    from portal.checks import refuse_to_start_if_misconfigured

    refuse_to_start_if_misconfigured()


@task_prerun.connect
def _log_with_the_task_id(task_id=None, **kwargs):
    from portal.request_log import task_started

    task_started(task_id=task_id)
