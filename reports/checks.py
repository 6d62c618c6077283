"""Start-up checks: a typo in the reports' settings is an error naming the setting."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def reports_settings_check(app_configs, **kwargs):
    config, errors = settings.REPORTS, []
    if config["SUPPRESSION_THRESHOLD"] < 1:
        errors.append(Error("REPORT_SUPPRESSION_THRESHOLD must be 1 or more.", id="reports.E001"))
    bounds = config["DAY_BOUNDS"]
    if not bounds or bounds != sorted(set(bounds)) or bounds[0] < 1:
        errors.append(Error("REPORT_DAY_BOUNDS must be increasing whole numbers of days, e.g. 90,180,365.",
                            id="reports.E002"))
    if not config["SCOPES"]:
        errors.append(Error("REPORT_SCOPES must name 'own' and/or agency slugs.", id="reports.E003"))
    return errors
