from .excerpts import ExcerptMedia, ExcerptSegment, InterviewExcerpt
from .openings import ExcerptOpening
from .pages import CourseIndexPage, CourseOutcome, CoursePage, ModulePage
from .privacy import PrivacyPage

__all__ = [
    "CourseIndexPage",
    "CourseOutcome",
    "CoursePage",
    "ExcerptMedia",
    "ExcerptOpening",
    "ExcerptSegment",
    "InterviewExcerpt",
    "ModulePage",
    "PrivacyPage",
]
