from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Public reports and statistics"

    def ready(self):
        from . import checks, tasks  # noqa: F401  (registers the settings checks and the tasks)
