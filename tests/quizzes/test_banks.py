"""Question banks through the quiz: the commands, the admin upload and download."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from quizzes.banks import bank_questions
from quizzes.models import Quiz
from tests import factories

DATA = Path(__file__).parent / "data"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_import_command_creates_the_quiz_and_reports_each_question():
    output = run("import_questions", str(DATA / "bank.gift"), "--quiz", "Module 2 bank")
    quiz = Quiz.objects.get(title="Module 2 bank")
    kinds = {q["type"] for q in quiz.question_data()}
    assert {"single_choice", "multiple_choice", "true_false", "matching", "reflection"} <= kinds
    assert "created" in output and "skipped" in output
    assert "short-answer" in output.lower()
    assert f"{len(quiz.question_data())} question(s) added" in output


@pytest.mark.django_db
def test_a_file_with_an_error_imports_nothing_and_names_the_line(tmp_path):
    quiz = factories.make_quiz(title="Existing")
    before = quiz.question_data()
    broken = tmp_path / "broken.gift"
    broken.write_text("::Fine::Fine question {=yes ~no}\n\n::Broken::Unclosed {=yes ~no\n")
    with pytest.raises(CommandError, match=r"[Ll]ine 3"):
        run("import_questions", str(broken), "--quiz", "Existing")
    quiz.refresh_from_db()
    assert quiz.question_data() == before
    with pytest.raises(CommandError):
        run("import_questions", str(broken), "--quiz", "Brand new")
    assert not Quiz.objects.filter(title="Brand new").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt, source", [("xml", "bank.xml"), ("gift", "bank.gift")])
def test_export_then_import_gives_back_the_same_questions(tmp_path, fmt, source):
    run("import_questions", str(DATA / source), "--quiz", "Original")
    exported = tmp_path / f"out.{fmt}"
    run("export_questions", "--quiz", "Original", "--format", fmt, "--output", str(exported))
    run("import_questions", str(exported), "--quiz", "Copy", "--format", fmt)
    original = bank_questions(Quiz.objects.get(title="Original"))
    copy = bank_questions(Quiz.objects.get(title="Copy"))
    if fmt == "gift":  # GIFT has no ordering questions
        original = [q for q in original if q["type"] != "ordering"]
    assert copy == original


@pytest.mark.django_db
def test_export_of_an_unknown_quiz_says_so():
    with pytest.raises(CommandError, match="No quiz"):
        run("export_questions", "--quiz", "Nope")


@pytest.mark.django_db
def test_trainer_uploads_and_downloads_in_the_admin(client):
    trainer = factories.make_user(email="tess@example.test", full_name="Tess Trainer")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    quiz = factories.make_quiz(title="Bank in the admin", questions=[])
    client.force_login(trainer)
    listing = client.get("/admin/snippets/quizzes/quiz/").content.decode()
    assert f"/admin/snippets/quizzes/quiz/{quiz.pk}/import/" in listing
    upload = SimpleUploadedFile("bank.xml", (DATA / "bank.xml").read_bytes(), "application/xml")
    response = client.post(f"/admin/snippets/quizzes/quiz/{quiz.pk}/import/", {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "created" in html and "skipped" in html
    quiz.refresh_from_db()
    assert len(quiz.question_data()) >= 5
    bad = SimpleUploadedFile("bad.xml", b"<quiz><question type='multichoice'>", "application/xml")
    response = client.post(f"/admin/snippets/quizzes/quiz/{quiz.pk}/import/", {"file": bad})
    assert "Nothing was imported" in response.content.decode()
    download = client.get(f"/admin/snippets/quizzes/quiz/{quiz.pk}/export/gift/")
    assert download.status_code == 200
    assert 'filename="bank-in-the-admin.gift.txt"' in download["Content-Disposition"]
    assert "::" in download.content.decode()
    assert client.get(f"/admin/snippets/quizzes/quiz/{quiz.pk}/export/pdf/").status_code == 404
    client.force_login(factories.make_user(email="learner@example.test"))
    assert client.get(f"/admin/snippets/quizzes/quiz/{quiz.pk}/export/gift/").status_code == 302


@pytest.mark.django_db
def test_a_question_the_quiz_refuses_imports_nothing(tmp_path):
    too_long = tmp_path / "long.gift"
    too_long.write_text(
        "::Ok::Fine {=yes ~no}\n\n::Long::Too long a choice {=" + "x" * 600 + " ~no}\n"
    )
    with pytest.raises(CommandError, match="Line 3"):
        run("import_questions", str(too_long), "--quiz", "Strict")
    assert not Quiz.objects.filter(title="Strict").exists()
