"""What the database and the storage must hold after the load: once each, nothing twice.

Each check is (what, expected, found); `run` returns them all, passed or not.
"""

from collections import Counter

from django.contrib.auth import get_user_model
from django.core.files.storage import storages
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from modules.certificates.models import Certificate, CertificateFile
from modules.practice.models import Rendition
from modules.progress.models import Enrolment, ModuleProgress
from quizzes.models import QuizAttempt

CERTIFICATE_SUBJECT = "Your CAPISCE Academy certificate"


def queue_length():
    """Tasks waiting or running."""
    return DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).count()


def run(*, plan, emails, newcomers, wrong_first):
    """The checks, for the learners of `emails` (of whom `newcomers` signed up and
    `wrong_first` failed the first quiz once)."""
    users = get_user_model().objects.filter(email__in=emails)
    by_email = Counter(users.values_list("email", flat=True))
    ids = list(users.values_list("pk", flat=True))
    modules = len(plan["modules"])
    quiz_ids = [module["quiz_id"] for module in plan["modules"]]
    checks = []

    def check(what, expected, found):
        checks.append((what, expected, found))

    check("accounts, one per learner", len(emails), sum(1 for n in by_email.values() if n == 1))
    enrolments = Enrolment.objects.filter(learner_id__in=ids)
    check("enrolments, one per learner", len(emails), enrolments.count())
    check("courses completed", len(emails), enrolments.filter(completed_at__isnull=False).count())
    progress = ModuleProgress.objects.filter(learner_id__in=ids)
    check(
        "module progress rows, one per learner and module", modules * len(emails), progress.count()
    )
    check(
        "modules completed",
        modules * len(emails),
        progress.filter(completed_at__isnull=False).count(),
    )
    certificates = Certificate.objects.filter(learner_id__in=ids)
    per_learner = Counter(certificates.values_list("learner_id", flat=True))
    check(
        "certificates, exactly one per learner",
        len(emails),
        sum(1 for n in per_learner.values() if n == 1),
    )
    check("certificates in all", len(emails), certificates.count())
    check(
        "certificate PDFs stored, one each",
        len(emails),
        CertificateFile.objects.filter(certificate__in=certificates).count(),
    )
    attempts = QuizAttempt.objects.filter(learner_id__in=ids, quiz_id__in=quiz_ids)
    passed = Counter(attempts.filter(passed=True).values_list("learner_id", "quiz_id"))
    check(
        "passed attempts, one per learner and quiz (double submits stored once)",
        modules * len(emails),
        sum(1 for n in passed.values() if n == 1),
    )
    check(
        "attempts in all (a failed one for each learner who answered wrong first)",
        modules * len(emails) + wrong_first,
        attempts.count(),
    )
    renditions = Rendition.objects.filter(learner_id__in=ids)
    check(
        "renditions, one per learner (a take sent twice stored once)",
        len(emails),
        renditions.count(),
    )
    check(
        "renditions submitted",
        len(emails),
        renditions.filter(status=Rendition.Status.SUBMITTED).count(),
    )
    private = storages["private"]
    stored = sum(
        1
        for rendition in renditions
        if rendition.audio
        and private.exists(rendition.audio.name)
        and private.size(rendition.audio.name) == rendition.size
    )
    check("renditions' recordings stored whole", len(emails), stored)
    files = private.listdir("renditions")[1] if private.exists("renditions") else []
    check("recordings in the private storage (no orphans)", len(emails), len(files))

    mails = Counter()
    for args in DBTaskResult.objects.filter(task_path="capisce.mail.deliver").values_list(
        "args_kwargs", flat=True
    ):
        message = args["args"][0]
        kind = "certificate" if message["subject"] == CERTIFICATE_SUBJECT else "account"
        for address in message["to"]:
            mails[(address, kind)] += 1
    check(
        "certificate mails, queued once per learner",
        len(emails),
        sum(1 for email in emails if mails[(email, "certificate")] == 1),
    )
    check(
        "confirmation mails, queued once per newcomer (none to those who signed in)",
        len(emails),
        sum(1 for email in emails if mails[(email, "account")] == (1 if email in newcomers else 0)),
    )
    tasks = DBTaskResult.objects.all()
    check("tasks failed", 0, tasks.filter(status=TaskResultStatus.FAILED).count())
    check("tasks still waiting or running", 0, queue_length())
    return checks
