from django.core.management.base import BaseCommand

from capisce.accounts import services


class Command(BaseCommand):
    help = (
        "Erase what is kept past its time: reviewed renditions and old drafts with their "
        "recordings, attempts' free text, expired data exports, and accounts nobody signed in "
        "to (mailed a month before). Run it daily (cron or a systemd timer); it is safe to "
        "run again."
    )

    def handle(self, *args, **options):
        for name, count in services.expired_erase().items():
            self.stdout.write(f"{name}: {count}")
