import pytest
from django.apps import apps

from quizzes import get_excerpt_model_string
from quizzes.blocks import QuestionStreamBlock
from quizzes.kinds import REGISTRY, kind_for
from quizzes.questions import KINDS


def test_every_question_block_has_a_kind_and_every_kind_a_block():
    blocks = set(QuestionStreamBlock().child_blocks)
    assert set(REGISTRY) == blocks
    assert set(KINDS) == blocks  # the names the question-bank formats speak
    for name, kind_class in REGISTRY.items():
        assert kind_class.name == name
        assert kind_for(name).name == name


def test_a_question_of_no_known_kind_is_refused():
    with pytest.raises(ValueError, match="Unknown question kind: essay"):
        kind_for("essay")


def test_listen_again_points_at_the_model_the_setting_names(settings):
    model = apps.get_model(settings.QUIZZES_EXCERPT_MODEL)
    for block in QuestionStreamBlock().child_blocks.values():
        assert block.child_blocks["excerpt"].target_model is model
        assert "segment" in block.child_blocks


def test_without_the_setting_quizzes_name_no_excerpt_model(settings):
    assert get_excerpt_model_string() == settings.QUIZZES_EXCERPT_MODEL
    del settings.QUIZZES_EXCERPT_MODEL
    assert get_excerpt_model_string() is None
