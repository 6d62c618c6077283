from django.core.management.base import BaseCommand, CommandError

from portal.models import AuditEvent
from portal.services.audit import audit_verify_chain


class Command(BaseCommand):
    help = "Recompute the audit trail's hash chain; name the first broken link, if any."

    def handle(self, *args, **options):
        broken = audit_verify_chain()
        if broken is not None:
            raise CommandError(f"Audit chain broken at event {broken.event_id}: {broken.reason}")
        self.stdout.write(f"Audit chain intact: {AuditEvent.objects.count()} events verified.")
