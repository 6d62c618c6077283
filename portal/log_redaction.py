"""Keep secrets out of every log line: a second line of defence, since no secret should be in
a URL in the first place (status codes are posted; e-mailed links carry single-use tokens).

Redacted: anything shaped like a status code in every spelling the status form accepts (eight
groups of four from the code alphabet, joined by "-", ".", spaces, nothing, or their URL
encodings; any letter case), and the secret part of draft and status-link paths.
"""

import logging
import re

REDACTED = "[redacted]"
_CODE_CHAR = "[2-9a-hjkmnp-zA-HJKMNP-Z]"
_SEPARATOR = r"(?:[-._\s+]|%20|%2[dDeE])*"
_CODE = re.compile(rf"(?<![0-9A-Za-z]){_CODE_CHAR}{{4}}(?:{_SEPARATOR}{_CODE_CHAR}{{4}}){{7}}(?![0-9A-Za-z])")
# /complaints/status/link/<token>/, /complaints/draft/<token>/..., retired /complaints/status/<number>/<code>/
_SECRET_PATHS = re.compile(r"(/complaints/(?:status/[A-Za-z0-9-]+|draft))/[^/\s?\"']{8,}")


def redact(text: str) -> str:
    return _CODE.sub(REDACTED, _SECRET_PATHS.sub(rf"\1/{REDACTED}", text))


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg = record.getMessage()
            record.args = None
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if record.exc_info and not record.exc_text:  # a traceback's messages may quote a URL
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True
