from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = _("Policy oversight")

    def ready(self):
        from misconduct_records.exports import register_public_tables

        from .exports import POLICY_TABLES

        register_public_tables(POLICY_TABLES)
