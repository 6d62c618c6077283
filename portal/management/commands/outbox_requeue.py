"""Send failed (or stuck) e-mails again, e.g. after a mail outage longer than the retries."""

from django.core.management.base import BaseCommand, CommandError

from portal.models import OutboxMessage
from portal.services.outbox import outbox_needing_attention, outbox_requeue


class Command(BaseCommand):
    help = "Queue failed outbox messages again (all of them, or the ids given)."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="message ids (default: every failed one)")
        parser.add_argument("--late", action="store_true",
                            help="also messages waiting longer than OUTBOX_LATE_MINUTES")

    def handle(self, *args, ids, late, **options):
        if not ids:
            pool = outbox_needing_attention() if late else OutboxMessage.objects.filter(
                status=OutboxMessage.Status.FAILED)
            ids = list(pool.values_list("pk", flat=True))
        if not ids:
            raise CommandError("No message to queue again.")
        count = outbox_requeue(message_ids=ids)
        self.stdout.write(f"Queued {count} message(s) again.")
