"""Stop with a clear message when the database's migration history is not this code's.

The apps' migrations started again when progress and certificates became apps of their
own; a local database from before that has migrations applied that no longer exist, and
`migrate` would build the new tables beside the old ones. It must be reset instead.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

OUR_APPS = ("accounts", "modules", "progress", "certificates", "quizzes")


def unknown_migrations(loader) -> list[tuple[str, str]]:
    """Migrations of our apps that the database has applied and the code does not have."""
    return sorted(
        key
        for key in loader.applied_migrations
        if key[0] in OUR_APPS and key not in loader.disk_migrations
    )


class Command(BaseCommand):
    help = "Refuse a database whose migration history this code does not know (reset it)."

    def handle(self, *args, **options):
        unknown = unknown_migrations(MigrationLoader(connection, ignore_no_migrations=True))
        if unknown:
            listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
            raise CommandError(
                "This database was made by an older version of CAPISCE Academy whose "
                f"migrations no longer exist ({listed}…). It cannot be migrated: run "
                "`make reset-db` (it deletes the local database, media and private files), "
                "then `make run` again."
            )
        self.stdout.write("The database's migration history is this code's.")
