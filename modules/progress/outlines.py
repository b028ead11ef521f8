"""The courses as the dashboard lists them: title, address and live modules, in plain data.

What a course and its modules look like is the same for every learner, and costly to read
per request: the pages' rows (a module row carries its whole body), a query for view
restrictions, and Wagtail's routing for every address (a course of 8 modules is 9 of
them). So an outline is kept in the shared cache until content changes
(capisce.content_cache), and a dashboard reads the outlines of all its courses in one trip.
It is kept per site and language because a page's address depends on both (the site's
root, the language variant in Wagtail's URL). Nothing here is about a learner.
"""

from functools import reduce
from operator import or_
from typing import NamedTuple

from django.db.models import Q
from django.utils.translation import get_language

from capisce.content_cache import generation, keep, kept
from capisce.translation import localized
from modules.models import CoursePage, ModulePage


class ModuleOutline(NamedTuple):
    """A live, public module of a course, as a list of modules shows it."""

    pk: int
    title: str
    url: str


class CourseOutline(NamedTuple):
    """A course with its live, public modules in tree order."""

    pk: int
    title: str
    slug: str
    url: str
    modules_in_order: bool
    modules: tuple[ModuleOutline, ...]


def course_outlines(request, course_ids) -> dict[int, CourseOutline]:
    """{course id: its outline} for the courses that exist, whether live or not (a learner's
    enrolment still shows a course taken offline): one read of the cache for all of them,
    and the database only for those not kept yet, all at once."""
    if not course_ids:
        return {}
    current = generation()
    where = f"dashboard-course:{request.get_host()}:{get_language()}"
    keys = {course_id: f"{where}:{course_id}" for course_id in course_ids}
    found = kept(keys.values(), current)
    outlines = {course_id: found[key] for course_id, key in keys.items() if key in found}
    missing = [course_id for course_id in keys if course_id not in outlines]
    if missing:
        for course_id, outline in _read(request, missing).items():
            keep(keys[course_id], outline, current)
            outlines[course_id] = outline
    return outlines


def _read(request, course_ids) -> dict[int, CourseOutline]:
    """The outlines of these courses, each course and module titled and linked in the
    reader's language where it is translated and live (else in its own): four queries (five
    with a view restriction check), whatever their number."""
    courses = list(CoursePage.objects.filter(pk__in=course_ids))
    if not courses:
        return {}
    modules = {course.path: [] for course in courses}
    children = reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses))
    live = list(
        ModulePage.objects.live().public().filter(children).defer_streamfields().order_by("path")
    )
    shown = {**_live_versions(courses), **_live_versions(live)}
    for module in live:
        version = shown.get(module.translation_key, module)
        modules[module.path[: -ModulePage.steplen]].append(
            ModuleOutline(module.pk, version.title, version.get_url(request))
        )
    outlines = {}
    for course in courses:
        version = shown.get(course.translation_key, course)
        outlines[course.pk] = CourseOutline(
            pk=course.pk,
            title=version.title,
            slug=course.slug,
            url=version.get_url(request),
            modules_in_order=course.modules_in_order,
            modules=tuple(modules[course.path]),
        )
    return outlines


def _live_versions(pages) -> dict:
    """{translation key: the page in the reader's language}, for those translated and live."""
    return {key: page for key, page in localized(pages).items() if page.live}
