"""Import glossary terms from a CSV file in the shape of the glossary page's CSV download.

A row whose `concept` column holds the key of a stored concept updates it; any other row is a
new concept, for the course given with --course (or for every course). A file with a
language the site does not have, a term given twice, or a term that another concept already
has is refused whole, with every problem listed: nothing is saved.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from modules.glossary.exchange import GlossaryFileError, read_csv
from modules.glossary.languages import site_languages
from modules.glossary.services import GlossaryImportRefused, glossary_import
from modules.models import CoursePage


class Command(BaseCommand):
    help = "Import glossary terms from a CSV file (the shape of the glossary's CSV download)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8).")
        parser.add_argument(
            "--course",
            help="The slug of the course whose glossary gets the new terms (default: every "
            "course's).",
        )

    def handle(self, *args, file, course=None, **options):
        page = None
        if course:
            page = CoursePage.objects.filter(slug=course).first()
            if page is None:
                slugs = ", ".join(CoursePage.objects.values_list("slug", flat=True)) or "none"
                raise CommandError(f"No course “{course}” (there are: {slugs}).")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file}: the file is not UTF-8 text.") from None
        languages = site_languages()
        try:
            concepts = read_csv(text, list(languages), names=languages)
            report = glossary_import(concepts=concepts, course=page)
        except (GlossaryFileError, GlossaryImportRefused) as refusal:
            problems = "\n".join(f"  - {problem}" for problem in refusal.problems)
            raise CommandError(f"{file} was not imported; nothing was saved:\n{problems}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {file}: {report.created} new concepts, {report.updated} updated, "
                f"{report.translations_added} translations added."
            )
        )
