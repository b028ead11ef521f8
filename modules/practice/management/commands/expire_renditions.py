from django.core.management.base import BaseCommand

from modules.practice.services import renditions_expire, retention_days


class Command(BaseCommand):
    help = (
        "Delete reviewed renditions, recordings included, kept longer than "
        "PRACTICE_RENDITION_RETENTION_DAYS after their review (run it daily)."
    )

    def handle(self, *args, **options):
        count = renditions_expire()
        self.stdout.write(
            f"{count} rendition(s) deleted (kept {retention_days()} days after review)."
        )
