"""The cases closed in a period (a report's figures) read from an index, not the whole table."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('misconduct_records', '0013_merge_list_orders'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='publiccase',
            index=models.Index(fields=['closed_on', 'id'], name='case_closed'),
        ),
    ]
