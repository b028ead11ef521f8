from .excerpts import ExcerptSegment, InterviewExcerpt
from .pages import CourseIndexPage, CourseOutcome, CoursePage, ModulePage

__all__ = [
    "CourseIndexPage",
    "CourseOutcome",
    "CoursePage",
    "ExcerptSegment",
    "InterviewExcerpt",
    "ModulePage",
]
