from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.banks import BankError, format_for, quiz_questions_import
from quizzes.models import Quiz


class Command(BaseCommand):
    help = "Add the questions of a GIFT or Moodle XML file to a quiz (created if missing)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--quiz", required=True, help="The quiz's title.")
        parser.add_argument("--format", choices=["gift", "xml"], help="Default: by extension.")

    def handle(self, *args, file, quiz, format=None, **options):  # noqa: A002
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        fmt = format_for(path.name, format)
        target = Quiz.objects.filter(title=quiz).first()
        created = target is None
        try:
            if created:
                target = Quiz(title=quiz, questions="[]")
                target.save()
            result = quiz_questions_import(quiz=target, content=path.read_bytes(), fmt=fmt)
        except BankError as error:
            if created:
                target.delete()
            raise CommandError(f"{path.name}: {error}. Nothing was imported.") from error
        for line in result.report:
            where = f"line {line.line}" if line.line else "-"
            reason = f" ({line.reason})" if line.reason else ""
            self.stdout.write(f"{where:>10}  {line.status:8} {line.title or '(untitled)'}{reason}")
        count = len(result.questions)
        self.stdout.write(self.style.SUCCESS(f"{count} question(s) added to “{target.title}”."))
