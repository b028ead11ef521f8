from django.core.management.base import BaseCommand, CommandError

from quizzes.banks import quiz_questions_export
from quizzes.models import Quiz


class Command(BaseCommand):
    help = "Write a quiz's questions as GIFT or Moodle XML (to standard output or a file)."

    def add_arguments(self, parser):
        parser.add_argument("--quiz", required=True, help="The quiz's title.")
        parser.add_argument("--format", choices=["gift", "xml"], default="gift")
        parser.add_argument("--output", help="A file to write; default: standard output.")

    def handle(self, *args, quiz, format, output=None, **options):  # noqa: A002
        target = Quiz.objects.filter(title=quiz).first()
        if target is None:
            raise CommandError(f"No quiz is titled “{quiz}”.")
        result = quiz_questions_export(quiz=target, fmt=format)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(result.text)
        else:
            self.stdout.write(result.text, ending="")
        for line in result.report:
            if line.status == "skipped":
                self.stderr.write(f"skipped question {line.line}: {line.title} ({line.reason})")
