"""A module's body in parts: runs of blocks that read the same for every learner, cached as
rendered HTML, and the learner's own blocks (quizzes, interpreting exercises), always live.

`body_parts` reads only the body's stored data: no block is loaded (no excerpt, no segment)
until a part is rendered, which a cached part never is. `modules/module_page.html` wraps
each static part in Wagtail's `{% wagtailpagecache %}`, keyed on the page's cache key (the
page, its publication and the content's generation) and the language, and skipped in preview.
"""

from dataclasses import dataclass, field

# Blocks whose HTML depends on the learner: rendered on every request.
LIVE_BLOCKS = frozenset({"quiz", "interpreting_exercise"})


@dataclass
class BodyPart:
    """Consecutive blocks of a body, all static or one live block."""

    number: int
    live: bool
    stream: object
    prepare: object
    indices: list = field(default_factory=list)

    @property
    def blocks(self):
        """The part's blocks, loaded now (after `prepare()`, run once for the whole body)."""
        self.prepare()
        return [self.stream[index] for index in self.indices]


def body_parts(stream, prepare):
    """The parts of `stream` (a StreamValue), in order. `prepare` is called once, before the
    first part's blocks are read: it loads what the rendered blocks need in bulk."""
    done = []

    def prepare_once():
        if not done:
            done.append(True)
            prepare()

    parts = []
    for index, child in enumerate(stream.raw_data):
        live = child["type"] in LIVE_BLOCKS
        if live or not parts or parts[-1].live:
            parts.append(BodyPart(len(parts) + 1, live, stream, prepare_once))
        parts[-1].indices.append(index)
    return parts
