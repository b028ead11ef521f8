import pytest

from tests import factories


@pytest.fixture
def catalogue(db):
    return factories.make_catalogue()


@pytest.fixture
def course(catalogue):
    return factories.make_course(catalogue)


@pytest.fixture
def learner(db):
    return factories.make_user()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits count in the cache: every test starts from zero."""
    from django.core.cache import cache

    cache.clear()
