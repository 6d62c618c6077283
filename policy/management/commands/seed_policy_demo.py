from django.core.management.base import BaseCommand

from policy.demo import seed_policy_demo


class Command(BaseCommand):
    help = "Load demo policy recommendations, tracker rows and a meeting (after seed_demo)."

    def handle(self, *args, **options):
        self.stdout.write(f"Policy recommendations created: {seed_policy_demo()}")
