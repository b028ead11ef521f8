"""What learners do in courses: enrolments, module progress, cohorts.

Plain rows pointing at pages with SET_NULL plus the titles they had, so that
editing or deleting a course or a module never rewrites a learner's history.
Course progress (modules done out of live modules) is derived, never stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from capisce.querysets import LearnerQuerySet


class Enrolment(models.Model):
    """A learner in a course: when they joined, when they last reset, when they finished."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "modules.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="enrolments",
    )
    course_title = models.CharField(_("course"), max_length=255)
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True)
    reset_at = models.DateTimeField(
        _("progress reset"),
        null=True,
        blank=True,
        help_text=_("Quiz attempts before this time no longer count towards progress."),
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = LearnerQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="one_enrolment_per_course")
        ]

    def __str__(self):
        return f"{self.learner} — {self.course_title}"


class ModuleProgress(models.Model):
    """One learner in one module: started when first opened, completed once."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_progress"
    )
    module = models.ForeignKey(
        "modules.ModulePage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    course = models.ForeignKey(
        "modules.CoursePage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    module_title = models.CharField(_("module"), max_length=255)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = LearnerQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "module"], name="one_progress_per_module")
        ]

    def __str__(self):
        return f"{self.learner} — {self.module_title}"


class Cohort(models.Model):
    """A group of learners that trainers follow together, enrolled in some courses."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="cohorts", blank=True, verbose_name=_("learners")
    )
    courses = models.ManyToManyField(
        "modules.CoursePage", related_name="cohorts", blank=True, verbose_name=_("courses")
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["name"]

    def __str__(self):
        return self.name
