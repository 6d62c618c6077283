"""The audit trail: append-only events, each chained by SHA-256 to the previous one."""

import hashlib
import json
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone

from portal.models import AuditEvent

GENESIS_HASH = "0" * 64
_CHAIN_LOCK_KEY = 727_274_001  # any constant: serialises appends on PostgreSQL


def _event_hash(*, previous_hash: str, created_at, actor_id, action, target_type, target_id,
                data) -> str:
    payload = json.dumps(
        [previous_hash, created_at.isoformat(), actor_id, action, target_type, str(target_id),
         data],
        sort_keys=True, separators=(",", ":"), default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def audit_record(*, actor, action: str, target: models.Model, data: dict | None = None) -> AuditEvent:
    """Append one event to the audit trail. Call inside the transaction that makes the change."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        fields = {
            "created_at": timezone.now(),
            "actor_id": getattr(actor, "pk", None),
            "action": action,
            "target_type": target._meta.label_lower,
            "target_id": str(target.pk),
            "data": json.loads(json.dumps(data or {}, default=str)),
        }
        previous_hash = last or GENESIS_HASH
        return AuditEvent.objects.create(
            previous_hash=previous_hash,
            hash=_event_hash(previous_hash=previous_hash, **fields),
            **fields,
        )


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def audit_verify_chain() -> ChainBreak | None:
    """Recompute every hash in order; return the first broken link, or None if intact."""
    previous_hash = GENESIS_HASH
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.previous_hash != previous_hash:
            return ChainBreak(event.id, "previous hash does not match the event before it")
        expected = _event_hash(
            previous_hash=event.previous_hash, created_at=event.created_at,
            actor_id=event.actor_id, action=event.action, target_type=event.target_type,
            target_id=event.target_id, data=event.data,
        )
        if expected != event.hash:
            return ChainBreak(event.id, "contents were changed after the event was written")
        previous_hash = event.hash
    return None
