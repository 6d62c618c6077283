"""Gunicorn reads this file from the working directory: its error and access log lines go
through the portal's redaction of secrets (see portal/log_redaction.py)."""

logger_class = "portal.gunicorn_logging.RedactingLogger"

# Access lines (when --access-logfile is given) in the same shape as the portal's JSON lines:
# the request id the portal returned, never the client's address, query string, referrer or
# browser, which could tie a resident to the complaint pages they opened.
access_log_format = ('{"logger": "gunicorn.access", "request_id": "%({x-request-id}o)s", '
                     '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", '
                     '"duration_ms": %(M)s}')
