import django.db.models.deletion
from django.db import migrations, models


def copy_case_districts(apps, schema_editor):
    """Every allegation of a case with a district gets the district: one UPDATE … FROM, before
    the index is built (writing the rows first, then indexing them once, is the faster order)."""
    allegation = apps.get_model("misconduct_records", "PublicAllegation")._meta.db_table
    case = apps.get_model("misconduct_records", "PublicCase")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"UPDATE {allegation} AS a SET case_district_id = c.district_id FROM {case} AS c "  # noqa: S608  # nosec B608  # table names
                       "WHERE a.case_id = c.id AND c.district_id IS NOT NULL")


class Migration(migrations.Migration):

    dependencies = [
        ("misconduct_records", "0014_case_closed_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicallegation",
            name="case_district",
            field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True,
                                    on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="misconduct_records.district"),
        ),
        migrations.RunPython(copy_case_districts, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="publicallegation",
            index=models.Index(fields=["case_district", "-case_received_on", "-id"], name="allegation_district"),
        ),
    ]
