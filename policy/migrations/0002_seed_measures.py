"""The measures the use-of-force policy tracker follows, as data: the eight "8 Can't Wait"
policies and the measures the city adds. A city edits these rows; it never edits code."""

from django.db import migrations

MEASURES = [
    # code, name (for city-added measures; the eight take their label from the vocabulary),
    # eight_cant_wait, counts_levels
    ("chokeholds", "", "chokeholds", False),
    ("de-escalation", "", "de_escalation", False),
    ("warning-before-shooting", "", "warning_before_shooting", False),
    ("exhaust-alternatives", "", "exhaust_alternatives", False),
    ("duty-to-intervene", "", "duty_to_intervene", False),
    ("moving-vehicles", "", "moving_vehicles", False),
    ("force-continuum", "", "force_continuum", True),
    ("comprehensive-reporting", "", "comprehensive_reporting", False),
    ("knee-holds", "Ban knee holds on the neck, back or chest", "", False),
]


def seed(apps, schema_editor):
    PolicyMeasure = apps.get_model("policy", "PolicyMeasure")
    for position, (code, name, eight, levels) in enumerate(MEASURES, start=1):
        PolicyMeasure.objects.update_or_create(code=code, defaults={
            "name": name, "eight_cant_wait": eight, "counts_levels": levels, "position": position})


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_policy_records")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
