from django.core.management.base import BaseCommand

from review_board.deadlines import deadlines_refresh


class Command(BaseCommand):
    help = "Store every case's clocks again (after changing the holidays or the deadline settings)."

    def handle(self, *args, **options):
        self.stdout.write(f"Stored the clocks of {deadlines_refresh()} cases.")
