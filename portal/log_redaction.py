"""Keep secrets that travel in URLs (status codes, draft links) out of every log line."""

import logging
import re

# /complaints/status/CR-2026-000001/<code>/ and /complaints/draft/<token>/...
_SECRET_PATHS = re.compile(r"(/complaints/(?:status/[A-Za-z0-9-]+|draft))/[A-Za-z0-9_-]{8,}")
REDACTED = r"\1/[redacted]"


def redact(text: str) -> str:
    return _SECRET_PATHS.sub(REDACTED, text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg = record.getMessage()
            record.args = None
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True
