"""Gunicorn's own error and access logs pass through the same redaction as Django's."""

from gunicorn.glogging import Logger

from .log_redaction import RedactSecrets


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactSecrets) for f in log.filters):
                log.addFilter(RedactSecrets())
