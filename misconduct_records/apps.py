from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MisconductRecordsConfig(AppConfig):
    name = "misconduct_records"
    verbose_name = _("Public record")
