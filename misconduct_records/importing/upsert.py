"""Writing a batch: create what is new, update what changed, leave the rest untouched.

A row is recognised by its key within its scope (the source, or the agency), so importing the
same files twice creates and updates nothing.
"""

import datetime

from django.db import connections, router
from django.db.models import NOT_PROVIDED

from .rows import Prepared
from .targets import Target

_MISSING = object()
_PLAIN_TYPES = {"CharField", "TextField", "SlugField", "URLField", "BooleanField", "IntegerField",
                "BigIntegerField", "PositiveSmallIntegerField", "PositiveIntegerField", "SmallIntegerField",
                "ForeignKey", "DateField"}


def insert_rows(model, scope: dict, rows: list[dict]) -> None:
    """INSERT many rows with one executemany: Django's bulk_create builds a model instance and
    prepares every value through the field, which costs more than the database for 10^5 rows."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = set(rows[0]) | set(scope)
    columns = []  # (attname, fixed value or _MISSING, callable default, date adapter or None)
    for f in fields:
        default = f.default if f.default is not NOT_PROVIDED else (None if f.null else _blank(f))
        fixed = scope.get(f.attname, _MISSING)
        if fixed is _MISSING and f.attname not in given and not callable(default):
            fixed = default
        if fixed is not _MISSING and f.get_internal_type() not in _PLAIN_TYPES:
            fixed = f.get_db_prep_save(fixed, connection)
        adapt = connection.ops.adapt_datefield_value if f.get_internal_type() == "DateField" else None
        columns.append((f.attname, fixed, default if callable(default) else None, adapt))
    params = [tuple(_value(row, attname, fixed, make, adapt) for attname, fixed, make, adapt in columns)
              for row in rows]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # one statement per page of rows: psycopg2's executemany is a round trip per row
            from psycopg2.extras import execute_values

            execute_values(cursor.cursor, f"INSERT INTO {table} ({names}) VALUES %s", params,  # noqa: S608  # nosec B608  # quoted model names
                           page_size=1000)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", params)  # noqa: S608  # nosec B608  # quoted model names


def _value(row, attname, fixed, make, adapt):
    if fixed is not _MISSING:
        return fixed
    if make is not None and attname not in row:
        return make()
    value = row.get(attname)
    return adapt(value) if adapt is not None and value is not None else value


def _blank(field):
    return "" if field.get_internal_type() in {"CharField", "TextField", "SlugField", "URLField"} else None


def row_key(target: Target, p: Prepared) -> tuple:
    return tuple(p.values[name] for name in target.key)


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def corrected_fields(model, pks) -> dict[int, dict[str, object]]:
    """{pk: {attname: value}}: the values records editors set by a correction (the latest one of
    each field), which an import keeps."""
    from django.contrib.contenttypes.models import ContentType

    from ..models import Correction

    if not pks:
        return {}
    content_type = ContentType.objects.get_for_model(model)
    found: dict[int, dict[str, object]] = {}
    for object_id, changes in (Correction.objects.filter(content_type=content_type,
                                                         object_id__in=[str(pk) for pk in pks])
                               .order_by("corrected_at", "id").values_list("object_id", "changes")):
        for name, (_, new) in changes.items():
            found.setdefault(int(object_id), {})[model._meta.get_field(name).attname] = new
    return found


def _keep_corrections(p: Prepared, current: dict, corrected: dict, conflict) -> None:
    for attname, value in corrected.get(current["pk"], {}).items():
        if attname in p.values and _plain(p.values[attname]) != _plain(current[attname]):
            if _plain(p.values[attname]) != value and conflict is not None:
                conflict(p, attname, p.values[attname], current[attname])
            p.values[attname] = current[attname]


def upsert(target: Target, batch: list[Prepared], scope: dict, counts: dict,
           create_only: frozenset = frozenset(), conflict=None) -> None:
    """create_only: fields set when a row is created and never changed after (e.g. a slug in URLs).
    A value a records editor corrected is kept; conflict(row, attname, source value, kept value)
    is told when the source says otherwise."""
    if not batch:
        return
    model = target.model
    given = {name for p in batch for name in p.values}
    fields = sorted(given - set(target.key) - create_only)
    kept = sorted(given & create_only)
    first = target.key[0]
    existing = {
        tuple(row[name] for name in target.key): row
        for row in model._default_manager.filter(**scope, **{f"{first}__in": {p.values[first] for p in batch}})
        .values("pk", *target.key, *fields, *kept)
    }
    corrected = corrected_fields(model, [row["pk"] for row in existing.values()])
    to_create, to_update, changed_fields = [], [], set()
    for p in batch:
        current = existing.get(row_key(target, p))
        if current is None:
            to_create.append(p)
            continue
        p.values["pk"] = current["pk"]
        _keep_corrections(p, current, corrected, conflict)
        for name in target.merge:
            if name in p.values:
                p.values[name] = codes_united(current[name], p.values[name])
        diff = {name for name in fields if name in p.values and p.values[name] != current[name]}
        for name in create_only & p.values.keys():
            p.values[name] = current[name]
        if diff:
            to_update.append(p)
            changed_fields |= diff
        else:
            counts["unchanged"] += 1
    insert_rows(model, scope, [p.values for p in to_create])
    if to_create and any(p.many for p in to_create):
        _fetch_pks(target, to_create, scope)
    if to_update:
        model._default_manager.bulk_update([model(**scope, **p.values) for p in to_update], sorted(changed_fields))
    counts["created"] += len(to_create)
    counts["updated"] += len(to_update)


def _fetch_pks(target: Target, batch: list[Prepared], scope: dict) -> None:
    first = target.key[0]
    found = {tuple(row[:-1]): row[-1] for row in target.model._default_manager.filter(
        **scope, **{f"{first}__in": {p.values[first] for p in batch}}).values_list(*target.key, "pk")}
    for p in batch:
        p.values["pk"] = found[row_key(target, p)]


def link_many(target: Target, batch: list[Prepared], counts_for) -> None:
    """Many-to-many fields (e.g. an incident's agencies): add missing links, drop stale ones."""
    for name in {name for p in batch for name in p.many}:
        through = getattr(target.model, name).through
        own = f"{target.model._meta.model_name}_id"
        other = next(f.attname for f in through._meta.concrete_fields
                     if f.is_relation and f.attname != own)
        wanted = {(p.values["pk"], other_id) for p in batch for other_id in p.many.get(name, [])}
        pks = {p.values["pk"] for p in batch}
        have = set(through.objects.filter(**{f"{own}__in": pks}).values_list(own, other))
        stale = have - wanted
        if stale:
            for own_id, other_id in stale:
                through.objects.filter(**{own: own_id, other: other_id}).delete()
        new = wanted - have
        through.objects.bulk_create([through(**{own: a, other: b}) for a, b in sorted(new)])
        counts = counts_for(f"{target.label}.{name}")
        counts["created"] += len(new)
        counts["updated"] += len(stale)
        counts["unchanged"] += len(wanted & have)


def refresh_statistics(model) -> None:
    """PostgreSQL plans from table statistics, which know nothing of rows this transaction
    inserted: without them, a look-up by key in a table that was empty scans it all."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def ori_normal(code: str) -> str:
    """An ORI code as both its spellings meet: the 9-character NCIC form of a 7-character UCR
    code adds '00' (ILCPD0000 is ILCPD00)."""
    code = code.strip().upper()
    return code[:7] if len(code) == 9 and code.endswith("00") else code


def codes(text: str) -> set[str]:
    """The normalised codes of a ';'-separated list."""
    return {ori_normal(code) for code in (text or "").split(";") if code.strip()}


def codes_united(current: str, new: str) -> str:
    """Every code a row was seen with, each spelling once: imports add codes, never drop them."""
    seen, kept = set(), []
    for code in [*(current or "").split(";"), *(new or "").split(";")]:
        code = code.strip()
        if code and code.upper() not in seen:
            seen.add(code.upper())
            kept.append(code)
    return "; ".join(kept)


def adopt_declared_rows(step, batch: list[Prepared], scope: dict, counts) -> None:
    """A row new to this source that shares a code (e.g. an agency's ORI code) with a row a
    mapping declared (no source of its own) becomes that row, which keeps its create-only
    fields: two data sets about one police department then meet on one agency."""
    model, by = step.target.model, step.adopt["by"]
    known = set(model._default_manager.filter(**scope, source_row__in={p.values["source_row"] for p in batch})
                .values_list("source_row", flat=True))
    fresh = [p for p in batch if p.values["source_row"] not in known and p.values.get(by)]
    if not fresh:
        return
    declared = model._default_manager.filter(source__isnull=True).exclude(**{by: ""}).values("pk", by)
    by_code = {code: row for row in declared for code in codes(row[by])}
    for p in fresh:
        match = next((by_code[c] for c in sorted(codes(p.values[by])) if c in by_code), None)
        if match is None:
            continue
        model._default_manager.filter(pk=match["pk"]).update(**scope, source_row=p.values["source_row"])
        by_code = {c: row for c, row in by_code.items() if row["pk"] != match["pk"]}
        counts["adopted"] += 1
