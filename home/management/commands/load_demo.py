from django.core.management.base import BaseCommand

from accounts.factors import DEMO_SECRET
from home.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_is_loaded, load_demo


class Command(BaseCommand):
    help = "Load the demo program (once) and print the demo logins."

    def handle(self, *args, **options):
        if demo_is_loaded():
            self.stdout.write("The demo program is already loaded.")
        else:
            load_demo()
            self.stdout.write(self.style.SUCCESS("Loaded the demo program."))
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for email, who in DEMO_LOGINS:
            self.stdout.write(f"  {email:<30} {who}")
        self.stdout.write(
            f"Staff then give a code: add the secret {DEMO_SECRET} to an authenticator app,"
            " or read the code the code page shows in demo mode."
            "\nPasskeys work at http://localhost:8000 (browsers refuse them on an IP address)."
        )
