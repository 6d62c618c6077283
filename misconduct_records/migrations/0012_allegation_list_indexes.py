"""The indexes the public lists read, built after the allegations' rows were given their dates.

Not atomic, on purpose: on PostgreSQL the rows the date fill (0011) replaced are vacuumed away
first, so that the indexes are built over the live rows only (half the size) and the visibility
map is set again, which index-only reads of deep pages need. Each index is its own statement.
"""

from django.db import migrations, models


def vacuum_allegations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("misconduct_records", "PublicAllegation")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {table}")


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ('misconduct_records', '0011_allegation_case_dates'),
    ]

    operations = [
        migrations.RunPython(vacuum_allegations, migrations.RunPython.noop, atomic=False, elidable=True),
        migrations.AddIndex(
            model_name='publicallegation',
            index=models.Index(fields=['officer', '-case_incident_on', '-case_received_on', '-id'], name='allegation_officer_history'),
        ),
        migrations.AddIndex(
            model_name='publicallegation',
            index=models.Index(fields=['-case_received_on', '-id'], name='allegation_received'),
        ),
        migrations.AddIndex(
            model_name='publicallegation',
            index=models.Index(fields=['-case_incident_on', '-id'], name='allegation_incident'),
        ),
        migrations.AddIndex(
            model_name='publicallegation',
            index=models.Index(fields=['finding', '-case_received_on', '-id'], name='allegation_finding'),
        ),
        migrations.AddIndex(
            model_name='publicallegation',
            index=models.Index(fields=['case_closed_on', 'case_received_on', 'id'], name='allegation_closed'),
        ),
    ]
