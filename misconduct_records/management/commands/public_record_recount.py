"""Recount every officer's allegations and sustained allegations (run after a bulk import)."""

import time

from django.core.management.base import BaseCommand

from misconduct_records.services import officer_counts_refresh


class Command(BaseCommand):
    help = "Recount every officer's allegations and sustained allegations."

    def handle(self, *args, **options):
        started = time.monotonic()
        updated = officer_counts_refresh()
        self.stdout.write(f"{updated} officers recounted in {time.monotonic() - started:.1f}s")
