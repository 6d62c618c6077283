"""The taxonomy of DESIGN.md as data: categories in families, 8 Can't Wait policies,
prohibited restraints. A city edits these rows; it never edits code."""

from django.db import migrations

CATEGORIES = [
    # code, name, family, eight_cant_wait, prohibited_restraint, uses_force_level
    ("physical-force", "Physical force", "force", "force_continuum", False, True),
    ("chokehold", "Chokehold or strangulation", "force", "chokeholds", True, True),
    ("neck-knee-restraint", "Neck or knee restraint", "force", "chokeholds", True, True),
    ("weapon-pointed", "Weapon pointed", "force", "", False, True),
    ("less-lethal-weapon", "Taser, pepper spray or baton used", "force", "force_continuum", False, True),
    ("firearm-discharged", "Firearm discharged", "force", "warning_before_shooting", False, True),
    ("shooting-moving-vehicle", "Shooting at a moving vehicle", "force", "moving_vehicles", False, True),
    ("no-alternatives", "Deadly force before exhausting alternatives", "force", "exhaust_alternatives", False, True),
    ("no-de-escalation", "Failure to de-escalate", "force", "de_escalation", False, False),
    ("stop", "Unlawful stop", "abuse_of_authority", "", False, False),
    ("frisk", "Unlawful frisk", "abuse_of_authority", "", False, False),
    ("search", "Unlawful search of a person, car or home", "abuse_of_authority", "", False, False),
    ("arrest", "Unlawful arrest or summons", "abuse_of_authority", "", False, False),
    ("threat", "Threat of force, arrest or other action", "abuse_of_authority", "", False, False),
    ("property", "Property seized or damaged", "abuse_of_authority", "", False, False),
    ("refused-identification", "Refused to give name or badge number", "abuse_of_authority", "", False, False),
    ("retaliation", "Retaliation for filming or complaining", "abuse_of_authority", "", False, False),
    ("discourtesy", "Discourteous words or actions", "discourtesy", "", False, False),
    ("offensive-language", "Slur or offensive language", "offensive_language", "", False, False),
    ("bias-profiling", "Bias or profiling", "bias", "", False, False),
    ("untruthful-statement", "Untruthful statement", "untruthfulness", "", False, False),
    ("failure-to-intervene", "Failure to intervene", "failure_to_intervene", "duty_to_intervene", False, False),
    ("failure-to-report", "Failure to report use of force", "failure_to_report", "comprehensive_reporting", False, False),
    ("body-camera", "Body-worn camera not activated or footage withheld", "body_camera", "", False, False),
]


def seed(apps, schema_editor):
    AllegationCategory = apps.get_model("misconduct_records", "AllegationCategory")
    for code, name, family, policy, prohibited, uses_force in CATEGORIES:
        AllegationCategory.objects.update_or_create(code=code, defaults={
            "name": name, "family": family, "eight_cant_wait": policy,
            "is_prohibited_restraint": prohibited, "uses_force_level": uses_force,
        })


class Migration(migrations.Migration):
    dependencies = [("misconduct_records", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
