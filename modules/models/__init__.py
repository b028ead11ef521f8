from .certificates import (
    Certificate,
    CertificateFile,
    CertificateSignatory,
    CertificateTemplate,
)
from .excerpts import ExcerptMedia, ExcerptSegment, InterviewExcerpt
from .pages import CourseIndexPage, CourseOutcome, CoursePage, ModulePage
from .progress import Cohort, Enrolment, ModuleProgress

__all__ = [
    "Certificate",
    "CertificateFile",
    "CertificateSignatory",
    "CertificateTemplate",
    "Cohort",
    "Enrolment",
    "ModuleProgress",
    "CourseIndexPage",
    "CourseOutcome",
    "CoursePage",
    "ExcerptMedia",
    "ExcerptSegment",
    "InterviewExcerpt",
    "ModulePage",
]
