"""Workflows of certificates: issue, revoke, re-issue; each in one transaction, safe to repeat.

The course is passed in (a course page: title, slug, hours); nothing here imports
page models.
"""

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from capisce.links import absolute_url
from capisce.mail import send_later
from modules.certificates.models import Certificate, CertificateTemplate
from modules.certificates.pdf import new_code
from modules.certificates.tasks import render_certificate


def certificate_template_for(course) -> CertificateTemplate:
    return (
        CertificateTemplate.objects.filter(course=course).first()
        or CertificateTemplate.objects.filter(course__isnull=True).first()
        or CertificateTemplate()
    )


def certificate_issue(*, learner, course):
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
                # The title in every language the course is translated into: the PDF in
                # French prints the French title, whatever language the learner read in.
                course_titles={
                    translation.locale.language_code: translation.title
                    for translation in course.get_translations(inclusive=True).select_related(
                        "locale"
                    )
                },
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
    certificate = Certificate.objects.select_related("learner").get(pk=certificate_id)
    render_certificate.enqueue(certificate.pk, certificate.language)
    send_later(certificate_mail(certificate))


def certificate_mail(certificate) -> EmailMessage:
    """The mail that tells the learner their certificate is ready, in its language."""
    with translation.override(certificate.language):
        return EmailMessage(
            gettext("Your CAPISCE Academy certificate"),
            gettext(
                "Congratulations, %(name)s: you completed “%(course)s”.\n\n"
                "Download your certificate from your dashboard: %(dashboard)s\n"
                "Anyone can check it is genuine here: %(verify)s\n"
            )
            % {
                "name": certificate.learner_name,
                "course": certificate.course_title,
                "dashboard": absolute_url(reverse("progress:dashboard")),
                "verify": certificate.verification_url,
            },
            to=[certificate.learner.email],
        )


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
