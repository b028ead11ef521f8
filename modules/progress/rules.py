"""Progress rules: plain functions of ids and sets, no database.

A module is complete when every quiz in it is passed (its reflections are part
of its quizzes) and every interpreting exercise is done; a module without either is
completed with "mark as done". A
course is complete when every live module is. When a course asks for modules
in order, a module stays locked until the one before it is complete.
"""

import datetime
from dataclasses import dataclass

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
LOCKED = "locked"

# A learner's "last activity" is written at most this often: a repeat visit within it writes
# nothing (reports and retention need the day, not the second).
ACTIVITY_EVERY = datetime.timedelta(minutes=5)


def activity_due(last_activity_at, now) -> bool:
    """Is the learner's last activity old enough (or unknown) to be written again?"""
    return last_activity_at is None or now - last_activity_at >= ACTIVITY_EVERY


def module_work_done(quiz_ids, passed_quiz_ids, *, has_exercises, exercises_done) -> bool:
    """True when the module has quizzes or exercises, every quiz is passed and, if it has
    exercises, every exercise is done (practice.rules.exercises_done)."""
    quiz_ids = set(quiz_ids)
    if not quiz_ids and not has_exercises:
        return False
    return quiz_ids <= set(passed_quiz_ids) and (exercises_done or not has_exercises)


def has_started(status) -> bool:
    """Does a module's status (or None: not known) say its progress row exists? A locked
    module's row may or may not."""
    return status in (IN_PROGRESS, DONE)


def already_recorded(status, *, course_completed: bool) -> bool:
    """Is there nothing left to record when a module's work is done: the module is done
    (its status, None when not known) and the course recorded as complete?"""
    return status == DONE and course_completed


def locked_modules(module_ids, completed_ids, *, in_order: bool) -> set:
    """The modules a learner may not open yet."""
    if not in_order:
        return set()
    completed = set(completed_ids)
    return {
        module_id
        for previous, module_id in zip(module_ids, module_ids[1:], strict=False)
        if previous not in completed
    }


def module_status(module_id, *, started_ids, completed_ids, locked_ids) -> str:
    if module_id in completed_ids:
        return DONE
    if module_id in locked_ids:
        return LOCKED
    if module_id in started_ids:
        return IN_PROGRESS
    return NOT_STARTED


@dataclass(frozen=True)
class CourseProgress:
    done: int
    total: int
    next_module_id: int | None
    statuses: dict

    @property
    def module_ids(self) -> list:
        """The course's live modules, in order."""
        return list(self.statuses)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total


def course_progress(module_ids, *, started_ids, completed_ids, in_order: bool) -> CourseProgress:
    """Done out of live modules, each module's status, and the first module not yet done."""
    module_ids = list(module_ids)
    completed = set(completed_ids) & set(module_ids)
    locked = locked_modules(module_ids, completed, in_order=in_order)
    started = set(started_ids)  # once, not once per module: a dashboard asks for every course
    statuses = {
        module_id: module_status(
            module_id, started_ids=started, completed_ids=completed, locked_ids=locked
        )
        for module_id in module_ids
    }
    next_id = next((m for m in module_ids if m not in completed), None)
    return CourseProgress(
        done=len(completed), total=len(module_ids), next_module_id=next_id, statuses=statuses
    )
