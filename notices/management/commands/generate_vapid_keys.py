"""Print a new VAPID key pair as the environment lines that turn Web Push on.

Nothing is written to disk: the private key belongs in the server's secrets, with the
program's other settings, never in the repository. A new pair makes every browser's
subscription useless (push services check the key each push is signed with), so make it
once per program and keep it."""

from django.core.management.base import BaseCommand

from notices.push import generate_keys


class Command(BaseCommand):
    help = "Print a new VAPID key pair for Web Push, as environment variables to set."

    def add_arguments(self, parser):
        parser.add_argument(
            "--subject",
            default="mailto:you@example.org",
            help="A mailto: or https:// address push services can reach the program at.",
        )

    def handle(self, *args, subject, **options):
        public, private = generate_keys()
        self.stdout.write(f"VILLAGE_VAPID_PUBLIC_KEY={public}")
        self.stdout.write(f"VILLAGE_VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"VILLAGE_VAPID_SUBJECT={subject}")
