"""Re-encrypt every encrypted column under the first key of FIELD_ENCRYPTION_KEYS."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from portal.encryption import EncryptedJSONField, EncryptedTextField, rotate_text


class Command(BaseCommand):
    help = "Re-encrypt encrypted columns with the newest key, so older keys can be retired."

    def handle(self, *args, **options):
        total = 0
        for model in apps.get_models():
            columns = [f.column for f in model._meta.concrete_fields
                       if isinstance(f, EncryptedTextField | EncryptedJSONField)]
            if columns:
                total += self._rotate(model._meta.db_table, model._meta.pk.column, columns)
        self.stdout.write(f"Re-encrypted {total} values.")

    def _rotate(self, table: str, pk: str, columns: list[str]) -> int:
        quote = connection.ops.quote_name
        count = 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT {quote(pk)}, {', '.join(map(quote, columns))} "  # noqa: S608
                           f"FROM {quote(table)}")
            for row in cursor.fetchall():
                values = [rotate_text(v) if v else v for v in row[1:]]
                sets = ", ".join(f"{quote(c)} = %s" for c in columns)
                cursor.execute(f"UPDATE {quote(table)} SET {sets} WHERE {quote(pk)} = %s",  # noqa: S608
                               [*values, row[0]])
                count += sum(1 for v in row[1:] if v)
        return count
