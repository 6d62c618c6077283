"""Recount every officer's allegations and sustained allegations, and copy every case's dates
onto its allegations again (run after a bulk load that bypassed the services)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from misconduct_records.services import allegation_case_dates_refresh, officer_counts_refresh


class Command(BaseCommand):
    help = "Recount every officer's allegations and sustained allegations; copy cases' dates again."

    def handle(self, *args, **options):
        started = time.monotonic()
        with transaction.atomic():
            copied = allegation_case_dates_refresh()
            updated = officer_counts_refresh()
        self.stdout.write(f"{updated} officers recounted, {copied} allegations given their case's dates "
                          f"in {time.monotonic() - started:.1f}s")
