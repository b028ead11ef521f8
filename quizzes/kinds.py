"""Question kinds: one class per block of the question StreamBlock.

A kind builds its fields in the quiz form, reads its answer back from the cleaned data,
scores it and describes it for review. `REGISTRY` maps a block name (a question's
``type``) to its kind, the way Wagtail's FormBuilder finds ``create_<type>_field``, so
that a new kind is one class here and one block in `quizzes.blocks`.

Questions are plain dicts ``{"id", "type", "value"}`` as `Quiz.question_data()` and
attempt snapshots give them (see `quizzes.scoring` for the answers' shapes). A kind
holds no state: the form it adds fields to keeps what they mean.
"""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CENT = Decimal("0.01")
ZERO = Decimal("0")
REQUIRED = {"required": gettext_lazy("Please answer this question.")}
INVALID = {"invalid_choice": gettext_lazy("That answer is not one of this question's choices.")}
MAX_REFLECTION = 5000


def money(value) -> Decimal:
    """Points to the cent, half up."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def points(value) -> Decimal:
    """The points a question's value gives (for a whole question, an item or a pair)."""
    return Decimal(value.get("points") or 0)


class Options(BaseChoiceIterator):
    """A field's options as the kinds make them: flat (value, label) pairs, final. Django takes
    a choice iterator as it is; a list it would normalise twice, for the field and again for
    its widget, which was a third of the time a quiz form takes to build."""

    def __init__(self, pairs):
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)


REGISTRY: dict[str, type["QuestionKind"]] = {}


def register(kind_class):
    """Make `kind_class` the kind of questions whose block is named `kind_class.name`."""
    REGISTRY[kind_class.name] = kind_class
    return kind_class


def kind_for(name: str) -> "QuestionKind":
    """The kind of questions of block `name`."""
    try:
        kind_class = REGISTRY[name]
    except KeyError as error:
        raise ValueError(f"Unknown question kind: {name}") from error
    return kind_class()


class QuestionKind:
    """What every kind does; a subclass names its block and fills in the rest.

    The form's fields are opaque (`QuizForm`): names and option values are keys of the
    attempt's nonce (`quizzes.tokens.form_keys`), and the form records what each value
    means.
    """

    name = ""  # the block's name in QuestionStreamBlock: the question's "type"
    auto_scored = True  # False: a trainer reads the answer, scoring gives it nothing

    # --- The form --------------------------------------------------------------------------

    def add_fields(self, form, question):
        """Add the question's fields to `form`; yield their names in order."""
        raise NotImplementedError

    def check(self, form, names, cleaned):
        """Add errors that no single field of the question can see (none by default)."""

    def answer(self, form, names, data):
        """The answer in the shape scoring expects, from the form's cleaned `data`."""
        raise NotImplementedError

    def field_name(self, form, *parts):
        return "q" + form.key(*parts)

    def add_choice_field(
        self, form, name, qid, options, *, field_class=forms.ChoiceField, **kwargs
    ):
        """A field offering `options`: (what the value is made from, what it means, label).

        A select (no widget given) starts on a blank option.
        """
        choices = [("", "—")] if "widget" not in kwargs else []
        form.meanings[name] = {}
        for seed, meaning, label in options:
            value = form.key("option", qid, seed)
            form.meanings[name][value] = meaning
            choices.append((value, label))
        form.fields[name] = field_class(
            choices=Options(choices), error_messages={**REQUIRED, **INVALID}, **kwargs
        )

    # --- Scoring ---------------------------------------------------------------------------

    def max_score(self, value) -> Decimal:
        return money(points(value))

    def score(self, value, answer, top) -> tuple[Decimal, bool | None]:
        """(points earned before the cap at `top`, whether the answer is right)."""
        raise NotImplementedError

    def answered(self, answer) -> bool:
        return answer not in (None, "", [], {})

    # --- Review ----------------------------------------------------------------------------

    def review(self, value, answer, *, show_answers) -> dict:
        """What the result page shows of the answer: its lines, and what the kind adds.

        A line is {"text", "picked", "right", "feedback"}.
        """
        return {}


class PickOne(QuestionKind):
    """A question answered by picking one of its options (radio buttons); right or not."""

    def options(self, value):
        """(what the option's value is made from, what it means, its label), in order."""
        raise NotImplementedError

    def is_right(self, value, answer) -> bool:
        raise NotImplementedError

    def add_fields(self, form, question):
        name = self.field_name(form, "question", question["id"])
        options = self.options(question["value"])
        self.add_choice_field(form, name, question["id"], options, widget=forms.RadioSelect)
        yield name

    def answer(self, form, names, data):
        return form.meanings[names[0]][data[names[0]]]

    def score(self, value, answer, top):
        correct = self.is_right(value, answer)
        return (top if correct else ZERO), correct


class ChoicesKind(QuestionKind):
    """A question whose learner picks among its choices."""

    def options(self, value):
        return [(c["id"], c["id"], c["text"]) for c in value["choices"]]

    def review(self, value, answer, *, show_answers):
        picked = {answer} if isinstance(answer, str) else set(answer or [])
        return {
            "lines": [
                {
                    "text": choice["text"],
                    "picked": choice["id"] in picked,
                    "right": choice["correct"],
                    "feedback": choice.get("feedback", "")
                    if choice["id"] in picked or show_answers
                    else "",
                }
                for choice in value["choices"]
            ]
        }


@register
class SingleChoice(ChoicesKind, PickOne):
    name = "single_choice"

    def is_right(self, value, answer):
        return answer in {c["id"] for c in value["choices"] if c["correct"]}


@register
class MultipleChoice(ChoicesKind):
    name = "multiple_choice"

    def add_fields(self, form, question):
        name = self.field_name(form, "question", question["id"])
        self.add_choice_field(
            form,
            name,
            question["id"],
            self.options(question["value"]),
            field_class=forms.MultipleChoiceField,
            widget=forms.CheckboxSelectMultiple,
        )
        yield name

    def answer(self, form, names, data):
        return sorted({form.meanings[names[0]][v] for v in data[names[0]]})

    def score(self, value, answer, top):
        ids = {c["id"] for c in value["choices"]}
        right = {c["id"] for c in value["choices"] if c["correct"]}
        wrong = ids - right
        picked = set(answer or []) & ids
        correct = picked == right
        if value.get("scoring") == "proportional":
            share = Decimal(len(picked & right)) / len(right)
            penalty = Decimal(len(picked & wrong)) / len(wrong) if wrong else ZERO
            return max(ZERO, top * (share - penalty)), correct
        return (top if correct else ZERO), correct


@register
class TrueFalse(PickOne):
    name = "true_false"

    def options(self, value):
        return [("true", True, gettext_lazy("True")), ("false", False, gettext_lazy("False"))]

    def is_right(self, value, answer):
        return answer is not None and bool(answer) == bool(value["answer"])

    def review(self, value, answer, *, show_answers):
        return {
            "lines": [
                {
                    "text": label,
                    "picked": answer is flag,
                    "right": bool(value["answer"]) is flag,
                    "feedback": value.get("feedback_true" if flag else "feedback_false", "")
                    if answer is flag
                    else "",
                }
                for flag, label in ((True, _("True")), (False, _("False")))
            ]
        }


@register
class Ordering(QuestionKind):
    """One field per item (shown shuffled): the position the learner gives it."""

    name = "ordering"

    def add_fields(self, form, question):
        qid, value = question["id"], question["value"]
        positions = [(str(n), n, str(n)) for n in range(1, len(value["items"]) + 1)]
        for item in value["shown_items"]:
            name = self.field_name(form, "item", qid, item["id"])
            self.add_choice_field(form, name, qid, positions, label=item["text"])
            form.keys[name] = item["id"]
            yield name

    def check(self, form, names, cleaned):
        given = [cleaned.get(n) for n in names]
        if None in given or "" in given:
            return
        positions = [form.meanings[n][value] for n, value in zip(names, given, strict=True)]
        if sorted(positions) != list(range(1, len(names) + 1)):
            form.add_error(
                names[0],
                forms.ValidationError(
                    gettext_lazy("Give each item a different position, from 1 to %(count)s."),
                    code="not_a_permutation",
                    params={"count": len(names)},
                ),
            )

    def answer(self, form, names, data):
        positions = {form.keys[n]: form.meanings[n][data[n]] for n in names}
        return sorted(positions, key=positions.get)

    def max_score(self, value):
        if value.get("scoring") == "per_item":
            return money(points(value) * len(value["items"]))
        return money(points(value))

    def score(self, value, answer, top):
        expected = [item["id"] for item in value["items"]]
        given = list(answer or [])
        placed = sum(1 for a, b in zip(given, expected, strict=False) if a == b)
        correct = given == expected
        if value.get("scoring") == "per_item":
            return points(value) * placed, correct
        return (top if correct else ZERO), correct

    def review(self, value, answer, *, show_answers):
        texts = {item["id"]: item["text"] for item in value["items"]}
        expected = [item["id"] for item in value["items"]]
        return {
            "lines": [
                {
                    "text": f"{position}. {texts.get(item_id, '')}",
                    "picked": True,
                    "right": position <= len(expected) and expected[position - 1] == item_id,
                    "feedback": "",
                }
                for position, item_id in enumerate(answer or [], start=1)
            ],
            "right_order": [item["text"] for item in value["items"]],
        }


def _match_owners(pairs, pair):
    """For each match text, the pair it stands for in `pair`'s row.

    A text that several pairs share stands for this pair when it is this pair's match.
    """
    owners = {}
    for other in pairs:
        owners.setdefault(other["right"], other["id"])
    owners[pair["right"]] = pair["id"]
    return owners


@register
class Matching(QuestionKind):
    """One field per pair's item: the match the learner gives it; each right pair scores."""

    name = "matching"

    def add_fields(self, form, question):
        qid, value = question["id"], question["value"]
        for pair in value["pairs"]:
            name = self.field_name(form, "pair", qid, pair["id"])
            owners = _match_owners(value["pairs"], pair)
            options = [(text, owners[text], text) for text in value["shown_matches"]]
            self.add_choice_field(form, name, qid, options, label=pair["left"])
            form.keys[name] = pair["id"]
            yield name

    def answer(self, form, names, data):
        return {form.keys[n]: form.meanings[n][data[n]] for n in names}

    def max_score(self, value):
        return money(points(value) * len(value["pairs"]))

    def score(self, value, answer, top):
        given = answer or {}
        pair_ids = [pair["id"] for pair in value["pairs"]]
        right_pairs = sum(1 for pair_id in pair_ids if given.get(pair_id) == pair_id)
        return points(value) * right_pairs, right_pairs == len(pair_ids)

    def review(self, value, answer, *, show_answers):
        rights = {pair["id"]: pair["right"] for pair in value["pairs"]}
        lines = []
        for pair in value["pairs"]:
            chosen = (answer or {}).get(pair["id"])
            lines.append(
                {
                    "text": f"{pair['left']} → {rights.get(chosen, '—')}",
                    "picked": True,
                    "right": chosen == pair["id"],
                    "feedback": "",
                }
            )
        return {
            "lines": lines,
            "right_pairs": [f"{p['left']} → {p['right']}" for p in value["pairs"]],
        }


@register
class Reflection(QuestionKind):
    """Free text a trainer reads and answers; never scored."""

    name = "reflection"
    auto_scored = False

    def add_fields(self, form, question):
        name = self.field_name(form, "question", question["id"])
        form.fields[name] = forms.CharField(
            widget=forms.Textarea(attrs={"rows": 5}),
            max_length=MAX_REFLECTION,
            error_messages=REQUIRED,
        )
        yield name

    def answer(self, form, names, data):
        return data[names[0]]

    def max_score(self, value):
        return ZERO

    def score(self, value, answer, top):
        return ZERO, None

    def answered(self, answer):
        return bool((answer or "").strip())

    def review(self, value, answer, *, show_answers):
        return {"answer_text": answer}
