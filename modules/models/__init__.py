from .excerpts import ExcerptMedia, ExcerptSegment, InterviewExcerpt
from .glossary import AvoidedTerm, GlossaryTerm
from .pages import CourseIndexPage, CourseOutcome, CoursePage, ModulePage

__all__ = [
    "AvoidedTerm",
    "CourseIndexPage",
    "CourseOutcome",
    "CoursePage",
    "ExcerptMedia",
    "ExcerptSegment",
    "GlossaryTerm",
    "InterviewExcerpt",
    "ModulePage",
]
