from celery import shared_task

from .services.reminders import deadline_reminders_send


@shared_task
def send_deadline_reminders() -> int:
    return deadline_reminders_send()
