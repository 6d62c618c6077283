"""Re-encrypt every encrypted column under the first key of FIELD_ENCRYPTION_KEYS."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from portal.encryption import EncryptedJSONField, EncryptedTextField, recode_columns, rotate_text


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
        with transaction.atomic():
            return recode_columns(connection, table, pk, columns, rotate_text)
