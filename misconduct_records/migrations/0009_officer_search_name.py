from django.db import migrations, models

# One GIN trigram index on the normalised name serves the `%>` (word similarity) search on
# PostgreSQL; it replaces the two per-column indexes of 0004. SQLite has no such index.
OLD_INDEXES = [("officer_last_name_trgm", "last_name"), ("officer_first_name_trgm", "first_name")]
NEW_INDEX = ("officer_search_name_trgm", "search_name")


def _create(schema_editor, indexes):
    for name, column in indexes:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON misconduct_records_officer "
                              f"USING gin ({column} gin_trgm_ops)")


def _drop(schema_editor, indexes):
    for name, _column in indexes:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def fill_search_names(apps, schema_editor):
    from misconduct_records.names import officer_search_name

    Officer = apps.get_model("misconduct_records", "Officer")
    changed = []
    for officer in Officer.objects.only("first_name", "middle_name", "last_name", "suffix").iterator(2000):
        officer.search_name = officer_search_name(
            first_name=officer.first_name, middle_name=officer.middle_name,
            last_name=officer.last_name, suffix=officer.suffix)
        changed.append(officer)
        if len(changed) == 2000:
            Officer.objects.bulk_update(changed, ["search_name"])
            changed = []
    Officer.objects.bulk_update(changed, ["search_name"])
    if schema_editor.connection.vendor == "postgresql":
        _drop(schema_editor, OLD_INDEXES)
        _create(schema_editor, [NEW_INDEX])


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _drop(schema_editor, [NEW_INDEX])
        _create(schema_editor, OLD_INDEXES)


class Migration(migrations.Migration):

    dependencies = [
        ("misconduct_records", "0008_merge_settlements_and_received_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="officer",
            name="search_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=300),
        ),
        migrations.RunPython(fill_search_names, drop_search_index),
    ]
