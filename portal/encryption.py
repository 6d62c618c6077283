"""Encryption at rest for the few columns that identify people or tell their story.

Keys come from the environment (`FIELD_ENCRYPTION_KEYS`, a comma-separated list of Fernet
keys). The first key encrypts; every key decrypts, so a new key can be put first, the rows
re-encrypted with `manage.py rotate_field_keys`, and the old key then dropped.

Fernet (AES-128-CBC + HMAC-SHA256, from the `cryptography` package) authenticates what it
decrypts: a changed or truncated ciphertext raises instead of returning garbage.
"""

import base64
import hashlib
import json
from functools import lru_cache
from typing import TYPE_CHECKING

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# Stored values start with this marker, so a plaintext value is never mistaken for a token.
PREFIX = "enc1:"


def _development_key() -> bytes:
    """A key derived from SECRET_KEY, for laptops and tests only (production refuses it)."""
    digest = hashlib.sha256(("field-encryption:" + settings.SECRET_KEY).encode()).digest()
    return base64.urlsafe_b64encode(digest)


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS holds a key that is not a Fernet key.") from exc


def field_cipher() -> MultiFernet:
    keys = tuple(k.strip() for k in getattr(settings, "FIELD_ENCRYPTION_KEYS", []) if k.strip())
    if not keys and getattr(settings, "FIELD_ENCRYPTION_REQUIRE_KEYS", False):
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must hold at least one Fernet key: "
                                   "python -c 'from cryptography.fernet import Fernet; "
                                   "print(Fernet.generate_key().decode())'")
    return _fernet(keys or (_development_key().decode(),))


def encrypt_text(value: str) -> str:
    if value == "":
        return ""
    return PREFIX + field_cipher().encrypt(value.encode()).decode()


def decrypt_text(stored: str) -> str:
    if not stored:
        return ""
    if not stored.startswith(PREFIX):
        raise ValueError("An encrypted column holds a value that was never encrypted.")
    try:
        return field_cipher().decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken as exc:
        raise ValueError("Cannot decrypt a stored value: is its key in FIELD_ENCRYPTION_KEYS?") from exc


def rotate_text(stored: str) -> str:
    """Re-encrypt a stored value under the first key."""
    if not stored:
        return stored
    return PREFIX + field_cipher().rotate(stored[len(PREFIX):].encode()).decode()


class EncryptedTextField(models.TextField):
    """Text stored encrypted. Only exact look-ups on "" (blank) mean anything in SQL."""

    def from_db_value(self, value, expression, connection):
        return value if value is None else decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else encrypt_text(str(value))


if TYPE_CHECKING:  # the stubs' TextField is generic in what is set and read (always a JSON object here)
    _JSONText = models.TextField[dict, dict]
else:
    _JSONText = models.TextField


class EncryptedJSONField(_JSONText):
    """A JSON document stored encrypted as one value (drafts: whatever a resident typed)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return {} if not value else json.loads(decrypt_text(value))

    def to_python(self, value):
        if isinstance(value, dict | list):
            return value
        return json.loads(value) if value else {}

    def get_prep_value(self, value):
        return encrypt_text(json.dumps(value if value is not None else {}, separators=(",", ":")))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))


def recode_columns(connection, table: str, pk: str, columns: list[str], recode) -> int:
    """Pass every non-blank value of the columns through `recode`; returns how many there were.

    The table and column names come from a model's _meta, never from input, and are quoted.
    """
    quote = connection.ops.quote_name
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(pk)}, {', '.join(map(quote, columns))} "  # noqa: S608  # nosec B608  # model's own names
                       f"FROM {quote(table)}")
        for row in cursor.fetchall():
            values = [recode(v) if v else v for v in row[1:]]
            count += sum(1 for v in row[1:] if v)
            if values != list(row[1:]):
                sets = ", ".join(f"{quote(c)} = %s" for c in columns)
                cursor.execute(f"UPDATE {quote(table)} SET {sets} WHERE {quote(pk)} = %s",  # noqa: S608  # nosec B608  # model's own names
                               [*values, row[0]])
    return count


def encrypt_columns_migration(app_label: str, fields: dict[str, list[str]]):
    """RunPython functions (forward, backward) that encrypt plain values already stored in
    `fields` ({model name: [field names]}) once those fields became encrypted, and back."""

    def run(apps, schema_editor, recode):
        for model_name, names in fields.items():
            model = apps.get_model(app_label, model_name)
            columns = [model._meta.get_field(n).column for n in names]
            recode_columns(schema_editor.connection, model._meta.db_table, model._meta.pk.column,
                            columns, recode)

    def forward(apps, schema_editor):
        run(apps, schema_editor, lambda v: v if v.startswith(PREFIX) else encrypt_text(v))

    def backward(apps, schema_editor):
        run(apps, schema_editor, lambda v: decrypt_text(v) if v.startswith(PREFIX) else v)

    return forward, backward
