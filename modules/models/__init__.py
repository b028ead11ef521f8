from .excerpts import ExcerptMedia, ExcerptSegment, InterviewExcerpt
from .pages import CourseIndexPage, CourseOutcome, CoursePage, ModulePage

__all__ = [
    "CourseIndexPage",
    "CourseOutcome",
    "CoursePage",
    "ExcerptMedia",
    "ExcerptSegment",
    "InterviewExcerpt",
    "ModulePage",
]
