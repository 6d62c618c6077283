from celery import shared_task

from .services import responses_check_deadlines


@shared_task
def check_response_deadlines() -> dict[str, int]:
    return responses_check_deadlines()
