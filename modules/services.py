"""Workflows that write learners' progress: each in one transaction, safe to repeat."""

import functools

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext

from capisce.mail import send_later
from modules.blocks import excerpt_ids
from modules.models import (
    Certificate,
    CertificateFile,
    CertificateTemplate,
    CoursePage,
    Enrolment,
    ModulePage,
    ModuleProgress,
)
from modules.models.certificates import DEFAULT_BODY, DEFAULT_TITLE
from modules.pdf import (
    PDF_BASE_URL,
    fill_placeholders,
    make_url_fetcher,
    new_code,
    qr_svg,
    render_pdf,
)
from modules.progress import LOCKED, module_quizzes_passed
from quizzes.models import QuizAttempt


class NotDoneYet(Exception):
    """The module's quizzes are not all passed, so it cannot be marked as done."""


def _get_or_create(model, defaults=None, **lookup):
    """get_or_create backed by the unique constraint: two requests at once make one row."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(**lookup, defaults=defaults or {})
    except IntegrityError:
        return model.objects.get(**lookup), False


def course_enrol(*, learner, course: CoursePage) -> Enrolment:
    enrolment, _ = _get_or_create(
        Enrolment, learner=learner, course=course, defaults={"course_title": course.title}
    )
    return enrolment


def module_open(*, learner, module: ModulePage, course: CoursePage) -> ModuleProgress:
    """Record that the learner opened the module (enrolling them in the course if needed)."""
    enrolment = course_enrol(learner=learner, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=timezone.now())
    progress, _ = _get_or_create(
        ModuleProgress,
        learner=learner,
        module=module,
        defaults={"course": course, "module_title": module.title},
    )
    return progress


def passed_quiz_ids(*, learner, quiz_ids, since=None) -> set:
    attempts = QuizAttempt.objects.filter(learner=learner, quiz_id__in=quiz_ids, passed=True)
    if since is not None:
        attempts = attempts.filter(submitted_at__gt=since)
    return set(attempts.values_list("quiz_id", flat=True))


def module_update(*, learner, module: ModulePage, course: CoursePage) -> bool:
    """Complete the module if its quizzes are all passed; return whether it is complete."""
    quiz_ids = [quiz.pk for quiz in module.quizzes()]
    enrolment = course_enrol(learner=learner, course=course)
    passed = passed_quiz_ids(learner=learner, quiz_ids=quiz_ids, since=enrolment.reset_at)
    if not module_quizzes_passed(quiz_ids, passed):
        return False
    module_complete(learner=learner, module=module, course=course)
    return True


def module_mark_done(*, learner, module: ModulePage, course: CoursePage):
    """The learner says a module without a quiz is done; refused when it has quizzes."""
    if module.quizzes():
        if not module_update(learner=learner, module=module, course=course):
            raise NotDoneYet()
        return
    module_complete(learner=learner, module=module, course=course)


def module_complete(*, learner, module: ModulePage, course: CoursePage):
    with transaction.atomic():
        progress = module_open(learner=learner, module=module, course=course)
        ModuleProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
        if course_complete_if_done(learner=learner, course=course):
            certificate_issue(learner=learner, course=course)


def course_complete_if_done(*, learner, course: CoursePage) -> bool:
    """Record the course's completion once, when every live module is done.

    Returns True only for the call that recorded it (the place where a
    certificate is issued).
    """
    live = set(course.get_modules().values_list("pk", flat=True))
    done = set(
        ModuleProgress.objects.filter(
            learner=learner, module_id__in=live, completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )
    if not live or live - done:
        return False
    newly = Enrolment.objects.filter(
        learner=learner, course=course, completed_at__isnull=True
    ).update(completed_at=timezone.now())
    return bool(newly)


def progress_reset(*, learner, course: CoursePage):
    """Start a learner's course again (a trainer, or the learner where the course allows it).

    Modules go back to "not started". Quiz attempts stay as history, but only those
    after `Enrolment.reset_at` count for progress and for the attempt limits, so the
    learner has every attempt back. A certificate already issued stays valid.
    """
    with transaction.atomic():
        ModuleProgress.objects.filter(
            Q(course=course) | Q(module__in=course.get_children()), learner=learner
        ).delete()
        Enrolment.objects.filter(learner=learner, course=course).update(
            completed_at=None, reset_at=timezone.now()
        )


def course_progress_for(*, learner, course: CoursePage, modules):
    """The learner's progress in one course, from their progress rows (two queries)."""
    from modules.progress import course_progress

    module_ids = [module.pk for module in modules]
    rows = ModuleProgress.objects.filter(learner=learner, module_id__in=module_ids).values_list(
        "module_id", "completed_at"
    )
    started = {module_id for module_id, _ in rows}
    completed = {module_id for module_id, done in rows if done}
    enrolment = Enrolment.objects.filter(learner=learner, course=course).first()
    progress = course_progress(
        module_ids,
        started_ids=started,
        completed_ids=completed,
        in_order=course.modules_in_order,
    )
    return enrolment, progress


def excerpt_open_to(*, user, excerpt) -> bool:
    """May this person hear and read the excerpt (its media and captions)?

    Trainers who edit excerpts always; a signed-in learner when a live module of a live course
    shows it and that module is open to them (not locked), as the module page itself decides.
    """
    if not user.is_authenticated:
        return False
    if user.has_perm("modules.change_interviewexcerpt"):
        return True
    for module in ModulePage.objects.live().public().only("id", "path", "depth", "body"):
        if excerpt.pk not in excerpt_ids(module.body):
            continue
        course = module.get_parent().specific
        modules = list(course.get_modules()) if course.live else []
        if module.pk not in {m.pk for m in modules}:
            continue
        _enrolment, progress = course_progress_for(learner=user, course=course, modules=modules)
        if progress.statuses.get(module.pk) != LOCKED:
            return True
    return False


def cohort_enrol(*, cohort) -> int:
    """Enrol every learner of the cohort in each of its courses; return how many are new."""
    courses = list(cohort.courses.all())
    learner_ids = list(cohort.learners.values_list("pk", flat=True))
    existing = set(
        Enrolment.objects.filter(course__in=courses, learner_id__in=learner_ids).values_list(
            "learner_id", "course_id"
        )
    )
    new = [
        Enrolment(learner_id=learner_id, course=course, course_title=course.title)
        for course in courses
        for learner_id in learner_ids
        if (learner_id, course.pk) not in existing
    ]
    Enrolment.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# Certificates ---------------------------------------------------------------


def certificate_template_for(course) -> "CertificateTemplate":
    return (
        CertificateTemplate.objects.filter(course=course).first()
        or CertificateTemplate.objects.filter(course__isnull=True).first()
        or CertificateTemplate()
    )


def certificate_issue(*, learner, course: CoursePage):
    """The learner's current certificate for the course, issued now if there is none.

    One per learner and course (a unique constraint): a second call, or a call
    racing this one, returns the first. None while the learner has no full name.
    """
    existing = Certificate.objects.current().filter(learner=learner, course=course).first()
    if existing is not None:
        return existing
    if not learner.full_name.strip():
        return None
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                learner=learner,
                course=course,
                code=new_code(),
                learner_name=learner.full_name.strip(),
                course_title=course.title,
                course_slug=course.slug,
                course_hours=course.hours,
                language=learner.preferred_language,
                template=certificate_template_for(course).snapshot(),
            )
    except IntegrityError:
        return Certificate.objects.current().get(learner=learner, course=course)
    transaction.on_commit(lambda: _after_issue(certificate.pk), robust=True)
    return certificate


def _after_issue(certificate_id):
    """Render the PDF and mail the learner, both from background tasks.

    Neither a failing render nor an unreachable mail server reaches the request
    that completed the course (robust on_commit above, tasks that log).
    """
    from modules.tasks import render_certificate

    certificate = Certificate.objects.select_related("learner").get(pk=certificate_id)
    render_certificate.enqueue(certificate.pk, certificate.language)
    with translation.override(certificate.language):
        message = EmailMessage(
            gettext("Your CAPISCE Academy certificate"),
            gettext(
                "Congratulations, %(name)s: you completed “%(course)s”.\n\n"
                "Download your certificate from your dashboard: %(dashboard)s\n"
                "Anyone can check it is genuine here: %(verify)s\n"
            )
            % {
                "name": certificate.learner_name,
                "course": certificate.course_title,
                "dashboard": absolute_url(reverse("dashboard")),
                "verify": verification_url(certificate),
            },
            to=[certificate.learner.email],
        )
    send_later(message)


def certificates_issue_pending(*, learner) -> list:
    """Issue the certificates of courses completed while the learner had no full name."""
    issued = []
    for enrolment in Enrolment.objects.filter(
        learner=learner, completed_at__isnull=False, course__isnull=False
    ).select_related("course"):
        certificate = certificate_issue(learner=learner, course=enrolment.course)
        if certificate is not None:
            issued.append(certificate)
    return issued


def absolute_url(path: str) -> str:
    """A path on the site's one public address (SITE_URL), for PDFs and mails."""
    return settings.SITE_URL.rstrip("/") + path


def verification_url(certificate) -> str:
    return absolute_url(reverse("certificate_verify", args=(certificate.code,)))


def certificate_html(certificate, language: str) -> str:
    """The certificate's standalone HTML, from its snapshot, in the given language."""
    template = certificate.template
    with translation.override(language):
        title = template["title"]
        body = template["body"]
        if title == DEFAULT_TITLE:
            title = gettext(title)
        if body == DEFAULT_BODY:
            body = gettext(DEFAULT_BODY)
        issued = timezone.localtime(certificate.issued_at).date()
        values = {
            "name": certificate.learner_name,
            "course": certificate.course_title,
            "date": date_format(issued, "j F Y"),
            "hours": number_format(certificate.course_hours.normalize()),
        }
        url = verification_url(certificate)
        return render_to_string(
            "certificates/certificate.html",
            {
                **values,
                "language": language,
                "title": title,
                "body": fill_placeholders(body, values),
                "accent": template["accent"],
                "logo": template.get("logo"),
                "signatories": template.get("signatories", []),
                "code": certificate.code,
                "verify_url": url,
                "qr": qr_svg(url),
                "base": PDF_BASE_URL,
            },
        )


def _open_static(path):
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return open(found, "rb")  # noqa: SIM115 - the fetcher reads and closes it


@functools.cache
def _font_config():
    """One font setup per process: a new one per document leaks native memory (WeasyPrint)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def certificate_render(certificate, language: str) -> bytes:
    fetcher = make_url_fetcher(_open_static, default_storage.open)
    return render_pdf(
        certificate_html(certificate, language), url_fetcher=fetcher, font_config=_font_config()
    )


def certificate_file(*, certificate, language: str) -> "CertificateFile":
    """The stored PDF in this language, rendered now if needed: once, even under a race."""
    stored = CertificateFile.objects.filter(certificate=certificate, language=language).first()
    if stored is not None:
        return stored
    with transaction.atomic():
        Certificate.objects.select_for_update().filter(pk=certificate.pk).first()
        stored = CertificateFile.objects.filter(certificate=certificate, language=language).first()
        if stored is not None:
            return stored
        pdf = certificate_render(certificate, language)
        stored = CertificateFile(certificate=certificate, language=language)
        # The private storage names it at random: its code is printed on it for all to see.
        stored.file.save("certificate.pdf", ContentFile(sign_pdf(pdf)), save=False)
        stored.save()
    return stored


def sign_pdf(pdf: bytes) -> bytes:
    """Sign with the configured key and certificate; unsigned when none is configured."""
    from modules.signing import sign_if_configured

    return sign_if_configured(pdf)


def certificate_revoke(*, certificate, reason: str):
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A reason is required to revoke a certificate.")
    Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )


def certificate_reissue(*, certificate):
    """A new certificate (new code, current name and template) replacing this one."""
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.replaced_by_id:
            return old.replaced_by
        Certificate.objects.filter(pk=old.pk).update(is_current=False)
        new = certificate_issue(learner=old.learner, course=old.course) if old.course else None
        if new is None:
            raise ValueError("The learner has no full name, or the course no longer exists.")
        Certificate.objects.filter(pk=old.pk).update(replaced_by=new)
    return new
