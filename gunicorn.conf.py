"""Gunicorn reads this file from the working directory: its error and access log lines go
through the portal's redaction of secrets (see portal/log_redaction.py)."""

logger_class = "portal.gunicorn_logging.RedactingLogger"
