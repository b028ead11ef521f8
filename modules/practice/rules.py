"""Practice rules: plain functions of numbers and dicts, no database.

Each check returns the cleaned value or raises ValueError with a message a learner or a
trainer can read.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

SUBMITTED = "submitted"
REVIEWED = "reviewed"
# A take may run this much past the exercise's limit (the recorder stops a moment late).
LENGTH_SLACK_SECONDS = 5


def check_scores(criteria, scores) -> dict:
    """{str(criterion id): score} for every criterion of the grid, each in 1..scale_max.

    `criteria` is a list of (id, scale_max); `scores` maps ids (str or int) to scores (int
    or a string of digits, as a form sends them).
    """
    scores = {str(key): value for key, value in (scores or {}).items()}
    known = {str(pk): scale_max for pk, scale_max in criteria}
    unknown = set(scores) - set(known)
    if unknown:
        raise ValueError(_("These scores are for no criterion of the grid."))
    cleaned = {}
    for key, scale_max in known.items():
        value = scores.get(key)
        if value in (None, ""):
            raise ValueError(_("Give a score for every criterion."))
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(_("A score is a whole number.")) from None
        if isinstance(value, float | Decimal) and number != value:
            raise ValueError(_("A score is a whole number."))
        if not 1 <= number <= scale_max:
            raise ValueError(_("Each score goes from 1 to %(max)s.") % {"max": scale_max})
        cleaned[key] = number
    return cleaned


def seconds(value) -> Decimal:
    """A number of seconds as a Decimal of two places; ValueError for anything else."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(_("A moment is a number of seconds.")) from None
    if not number.is_finite():
        raise ValueError(_("A moment is a number of seconds."))
    return number.quantize(Decimal("0.01"))


def check_remark_time(at, duration) -> Decimal:
    """The moment of a remark, which must lie within the recording (0 to its length)."""
    moment = seconds(at)
    if not Decimal(0) <= moment <= Decimal(str(duration)):
        raise ValueError(
            _("A remark must be within the recording, between 0 and %(length)s seconds.")
            % {"length": duration}
        )
    return moment


def check_turn_marks(marks, duration) -> list:
    """Consecutive turn marks, each {"turn", "source_end", "rendition_start", "rendition_end"}.

    Turns are numbered from 1 in order; each rendition span lies within the recording, starts
    before it ends and after the one before. Returns the marks with numbers as floats.
    """
    if marks in (None, ""):
        return []
    if not isinstance(marks, list):
        raise ValueError(_("The turn marks are not a list."))
    length = float(duration) + 0.5  # browsers and ffprobe round differently
    cleaned = []
    previous_end = 0.0
    for index, mark in enumerate(marks, start=1):
        if not isinstance(mark, dict):
            raise ValueError(_("A turn mark is not well formed."))
        try:
            turn = int(mark["turn"])
            source_end = float(mark["source_end"])
            start = float(mark["rendition_start"])
            end = float(mark["rendition_end"])
        except (KeyError, TypeError, ValueError):
            raise ValueError(_("A turn mark is not well formed.")) from None
        if turn != index:
            raise ValueError(_("The turns are not numbered 1, 2, 3… in order."))
        if not all(map(_finite, (source_end, start, end))) or source_end < 0:
            raise ValueError(_("A turn mark is not well formed."))
        if not (previous_end - 0.05 <= start <= end <= length):
            raise ValueError(_("A turn mark falls outside the recording or out of order."))
        previous_end = end
        cleaned.append(
            {"turn": turn, "source_end": source_end, "rendition_start": start, "rendition_end": end}
        )
    return cleaned


def _finite(number) -> bool:
    return number == number and number not in (float("inf"), float("-inf"))


def too_long(duration, max_seconds) -> bool:
    return float(duration) > max_seconds + LENGTH_SLACK_SECONDS


def exercise_done(status, review_required) -> bool:
    """A rendition counts once submitted, or only once reviewed when the exercise asks so."""
    if review_required:
        return status == REVIEWED
    return status in (SUBMITTED, REVIEWED)


def exercises_done(statuses, review_required) -> bool:
    """Every exercise of a module is done.

    `review_required` maps each exercise's id to its choice; `statuses` maps an exercise's id
    to the statuses of the learner's renditions of it that count (a later draft never undoes
    a rendition already submitted or reviewed).
    """
    return all(
        any(exercise_done(status, required) for status in statuses.get(pk, ()))
        for pk, required in review_required.items()
    )


# A hard moment in simultaneous mode: the learner's rendition from a little before it.
MOMENT_LEAD_SECONDS = 2
MOMENT_CLIP_SECONDS = 10


def turn_at(turn_ends, at):
    """The index of the source turn that contains the moment `at`, from the turns' ends in
    order; None when the moment comes after the last turn."""
    return next((index for index, end in enumerate(turn_ends) if float(at) <= float(end)), None)


def source_turn_span(turn_ends, at):
    """(start, end) of the source turn that contains the moment `at`, or None."""
    index = turn_at(turn_ends, at)
    if index is None:
        return None
    return (float(turn_ends[index - 1]) if index else 0.0, float(turn_ends[index]))


def moment_clip(*, consecutive, at, turn_marks, duration):
    """(start, end) of a rendition's recording that renders the source's moment `at`.

    Consecutive: the learner's rendition of the source turn that contains the moment (from
    the recording's turn marks). Simultaneous: from a little before the moment, for a few
    seconds. None when the recording has nothing there.
    """
    at, duration = float(at), float(duration)
    if consecutive:
        index = turn_at([mark["source_end"] for mark in turn_marks], at)
        if index is None:
            return None
        mark = turn_marks[index]
        return (float(mark["rendition_start"]), min(float(mark["rendition_end"]), duration))
    start = max(0.0, at - MOMENT_LEAD_SECONDS)
    if start >= duration:
        return None
    return (start, min(duration, start + MOMENT_CLIP_SECONDS))
