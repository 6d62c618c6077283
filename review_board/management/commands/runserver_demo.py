from django.contrib.staticfiles.management.commands.runserver import Command as RunServer

from review_board.demo import demo_sign_in_table


class Command(RunServer):
    help = "Serve the demo and print the demo staff sign-ins last, once the server listens."

    def on_bind(self, server_port):
        super().on_bind(server_port)
        self.stdout.write(f"\nDemo staff sign-ins at http://{self.addr}:{server_port}/board/login/:")
        self.stdout.write(demo_sign_in_table())
