from .excerpts import ExcerptMedia, ExcerptSegment, InterviewExcerpt
from .glossary import AvoidedTerm, GlossaryTerm
from .openings import ExcerptOpening
from .pages import CourseIndexPage, CourseOutcome, CoursePage, ModulePage
from .privacy import PrivacyPage

__all__ = [
    "AvoidedTerm",
    "CourseIndexPage",
    "CourseOutcome",
    "CoursePage",
    "ExcerptMedia",
    "ExcerptOpening",
    "ExcerptSegment",
    "GlossaryTerm",
    "InterviewExcerpt",
    "ModulePage",
    "PrivacyPage",
]
