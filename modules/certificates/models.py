"""Certificates: the template trainers edit, the certificates issued, their stored PDFs."""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from capisce.links import absolute_url
from capisce.storage import RandomName, private_storage
from modules.certificates.pdf import PLACEHOLDERS, unknown_placeholders

# gettext_noop: makemessages finds them; services translate them when they are left as is.
DEFAULT_BODY = gettext_noop("has completed the CAPISCE Academy course")
DEFAULT_TITLE = gettext_noop("Certificate of completion")


class CertificateTemplate(ClusterableModel):
    """How certificates look: a site default (no course) and, optionally, one per course."""

    course = models.OneToOneField(
        "modules.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="certificate_template",
        help_text=_("Leave empty for the site's default template."),
    )
    title = models.CharField(_("title"), max_length=120, default=DEFAULT_TITLE)
    body = models.TextField(
        _("text"),
        default=DEFAULT_BODY,
        help_text=_("You may use {name}, {course}, {date} and {hours}."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#0b5563",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour such as #0b5563."))],
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("title"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("accent_colour")], heading=_("Look")),
        InlinePanel("signatories", label=_("Signatory"), max_num=3),
    ]

    class Meta:
        verbose_name = _("certificate template")

    def __str__(self):
        return str(self.course) if self.course_id else str(_("Site default"))

    def clean(self):
        unknown = unknown_placeholders(self.body)
        if unknown:
            raise ValidationError(
                {
                    "body": _("Unknown placeholder(s): %(unknown)s. Use only %(known)s.")
                    % {
                        "unknown": ", ".join(f"{{{u}}}" for u in unknown),
                        "known": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS),
                    }
                }
            )
        if (
            CertificateTemplate.objects.exclude(pk=self.pk).filter(course__isnull=True).exists()
            and not self.course_id
        ):
            raise ValidationError(_("There is already a site default template."))

    def snapshot(self):
        """Everything a certificate needs to look as it did when issued; its hash is the version."""
        data = {
            "title": self.title,
            "body": self.body,
            "accent": self.accent_colour,
            "logo": self.logo.file.name if self.logo else None,
            "signatories": [
                {
                    "name": s.name,
                    "role": s.role,
                    "signature": s.signature.file.name if s.signature else None,
                }
                for s in self.signatories.all()[:3]
            ],
        }
        data["version"] = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]
        return data


class CertificateSignatory(Orderable):
    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160)
    signature = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("signature")]


class CertificateQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)


class Certificate(models.Model):
    """Proof that a learner completed a course: one current certificate per learner and course.

    It keeps what it said when issued (name, course, hours, template), so later
    edits change nothing; revoking keeps the row, re-issuing makes a new one. Its learner's
    account is never deleted from under it (PROTECT): erasing the account keeps the
    certificate verifiable or withdraws it, as the holder chose.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(
        "modules.CoursePage", on_delete=models.SET_NULL, null=True, related_name="certificates"
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    learner_name = models.CharField(_("name on the certificate"), max_length=150)
    course_title = models.CharField(_("course"), max_length=255)
    course_titles = models.JSONField(
        _("course title in each language"),
        default=dict,
        blank=True,
        help_text=_("The course's translated titles when it was issued: {language: title}."),
    )
    course_slug = models.SlugField(max_length=255)
    course_hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    language = models.CharField(_("language"), max_length=8)
    template = models.JSONField(_("template as issued"))
    is_current = models.BooleanField(default=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )
    withdrawn_at = models.DateTimeField(
        _("withdrawn at the holder's request"), null=True, blank=True, editable=False
    )

    objects = CertificateQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        # Certificates are never edited: revoking and re-issuing are the only changes.
        permissions = [("revoke_certificate", _("Can revoke and re-issue certificates"))]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=Q(is_current=True),
                name="one_current_certificate_per_course",
            )
        ]

    def __str__(self):
        return f"{self.code} — {self.learner_name} — {self.course_title}"

    def course_title_in(self, language) -> str:
        """The course's title in `language` as it was at issue, or the source's title."""
        return self.course_titles.get(language) or self.course_title

    @property
    def status(self):
        if self.withdrawn_at:
            return "withdrawn"
        if self.replaced_by_id:
            return "replaced"
        if self.revoked_at:
            return "revoked"
        return "valid"

    @property
    def holder_erased(self):
        """The holder erased their account and kept the certificate verifiable."""
        return self.learner.is_erased

    @property
    def verification_url(self):
        """Where anyone checks this certificate: printed on the PDF, in its QR code and mails."""
        return absolute_url(reverse("certificates:verify", args=(self.code,)))


class CertificateFile(models.Model):
    """A certificate's PDF in one language, rendered once and stored."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(max_length=8)
    # In the private storage, under a random name: never reachable by its code.
    file = models.FileField(upload_to=RandomName("certificates"), storage=private_storage)
    created_at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["certificate", "language"], name="one_pdf_per_language")
        ]

    def __str__(self):
        return f"{self.certificate.code} ({self.language})"
