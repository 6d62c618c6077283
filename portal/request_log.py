"""Structured log lines: one JSON object per line, each carrying the id of the request (or task)
that wrote it, so an operator can follow one request through the logs without personal data.

`RequestIdMiddleware` gives every request an id (the proxy's X-Request-ID when it is a plain
token, else a new one) and returns it in the X-Request-ID header; Celery tasks use their task id.
The redaction filter (portal/log_redaction.py) still runs before a line is written.
"""

import contextvars
import datetime
import json
import logging
import re
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_TOKEN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(HEADER, "")
        request.request_id = offered if _TOKEN.match(offered) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Stamp every record with the current request's (or task's) id."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """time, level, logger, request_id, message (and the exception, if any) as one JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = record.exc_text or self.formatException(record.exc_info)
        status = getattr(record, "status_code", None)
        if status is not None:
            line["status"] = status
        return json.dumps(line, ensure_ascii=False, default=str)


def task_started(task_id=None, **kwargs) -> None:
    """Celery's task_prerun: log lines of the task carry its id."""
    request_id_var.set(f"task-{task_id}")
