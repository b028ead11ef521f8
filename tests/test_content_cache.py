"""What the shared cache keeps for content: many things of one kind read in one trip."""

from capisce.content_cache import content_changed, remembered_many


def test_many_things_are_built_once_together_and_forgotten_when_content_changes():
    built = []

    def build(ids):
        built.append(list(ids))
        return {id_: f"outline {id_}" for id_ in ids if id_ != 404}

    assert remembered_many("outline", [1, 2], build) == {1: "outline 1", 2: "outline 2"}
    # Only what is not kept yet is built, all of it in one call; an id that build leaves
    # out is left out of the answer.
    assert remembered_many("outline", [2, 3, 404], build) == {2: "outline 2", 3: "outline 3"}
    assert remembered_many("outline", [1, 2, 3], build) == {
        1: "outline 1",
        2: "outline 2",
        3: "outline 3",
    }
    assert built == [[1, 2], [3, 404]]
    content_changed()
    remembered_many("outline", [1], build)
    assert built[-1] == [1]
    assert remembered_many("outline", [], build) == {}
