from django.core.management.base import BaseCommand

from review_board.demo import demo_sign_in_table, seed_demo


class Command(BaseCommand):
    help = "Load the Boston demo data (idempotent) and print the demo staff sign-ins."

    def add_arguments(self, parser):
        parser.add_argument("--officers", type=int, default=300)

    def handle(self, *args, officers, **options):
        result = seed_demo(officers=officers)
        self.stdout.write(f"Officers created: {result['officers_created']}")
        self.stdout.write("Demo staff sign-ins at /board/login/:")
        self.stdout.write(demo_sign_in_table())
