"""Categories that imported data sets need beyond the FADO taxonomy: departmental rule
violations, neglect of duty, off-duty conduct, crimes and civil suits. Source categories are
mapped onto these (and the existing ones) by each data set's mapping file; the source's own
wording is kept next to every allegation."""

from django.db import migrations

CATEGORIES = [
    # code, name, family
    ("other-abuse-of-authority", "Other abuse of authority", "abuse_of_authority"),
    ("custody-procedure", "Improper treatment or processing of a person in custody", "other"),
    ("operations-violation", "Operations or personnel rule violation", "other"),
    ("neglect-of-duty", "Neglect of duty or failure to provide service", "other"),
    ("off-duty-conduct", "Misconduct off duty, including domestic incidents", "other"),
    ("criminal-conduct", "Criminal conduct, bribery or corruption", "other"),
    ("sexual-misconduct", "Sexual harassment or misconduct", "other"),
    ("substance-abuse", "Alcohol or drug use", "other"),
    ("civil-suit", "Civil suit filed against the officer", "other"),
    ("unclassified", "Not classified by the source", "other"),
]


def seed(apps, schema_editor):
    AllegationCategory = apps.get_model("misconduct_records", "AllegationCategory")
    for code, name, family in CATEGORIES:
        AllegationCategory.objects.update_or_create(code=code, defaults={"name": name, "family": family})


def unseed(apps, schema_editor):
    AllegationCategory = apps.get_model("misconduct_records", "AllegationCategory")
    AllegationCategory.objects.filter(code__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("misconduct_records", "0004_import_provenance_fatal_force")]
    operations = [migrations.RunPython(seed, unseed)]
