from django.core.management.base import BaseCommand

from review_board.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load the Boston demo data (idempotent) and print the demo staff sign-ins."

    def add_arguments(self, parser):
        parser.add_argument("--officers", type=int, default=300)

    def handle(self, *args, officers, **options):
        result = seed_demo(officers=officers)
        self.stdout.write(f"Officers created: {result['officers_created']}")
        self.stdout.write("Demo staff sign-ins at /board/login/ (password for all: "
                          f"{DEMO_PASSWORD}):")
        for username in result["staff"]:
            self.stdout.write(f"  {username}")
