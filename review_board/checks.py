"""Start-up checks: a typo in the certification referral rules stops the portal, naming the setting."""

from django.conf import settings
from django.core import checks

from misconduct_records.vocabulary import Family, Finding

RULE_KEYS = {"code", "reason", "finding", "min_force_level", "categories", "family"}


def _rule_problems(rule) -> list[str]:
    if not isinstance(rule, dict):
        return ["each rule must be an object"]
    problems = [f"unknown key {key!r}" for key in sorted(set(rule) - RULE_KEYS)]
    problems += [f"{key!r} is required" for key in ("code", "reason", "finding") if not rule.get(key)]
    if rule.get("finding") and rule["finding"] not in Finding.values:
        problems.append(f"finding {rule['finding']!r} is not one of {Finding.values}")
    if "min_force_level" in rule and rule["min_force_level"] not in range(1, 7):
        problems.append("min_force_level must be 1 to 6")
    if "family" in rule and rule["family"] not in Family.values:
        problems.append(f"family {rule['family']!r} is not one of {Family.values}")
    if "categories" in rule and not isinstance(rule["categories"], list):
        problems.append("categories must be a list of category codes")
    return problems


@checks.register()
def certification_rules_check(app_configs, **kwargs):
    config = getattr(settings, "CERTIFICATION", {})
    errors = []
    if not str(config.get("BODY_NAME", "")).strip():
        errors.append(checks.Error("CERTIFICATION_BODY_NAME is empty.", id="review_board.E001"))
    rules = config.get("RULES", [])
    if not isinstance(rules, list):
        rules = [rules]
    for index, rule in enumerate(rules):
        for problem in _rule_problems(rule):
            errors.append(checks.Error(f"CERTIFICATION_REFERRAL_RULES[{index}]: {problem}.",
                                       id="review_board.E002"))
    return errors
