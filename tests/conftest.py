import pytest
from django.contrib.auth.models import Group

from capisce.content_cache import forget_request_stamps
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


@pytest.fixture
def trainer(db):
    """A member of the Trainers group, with what the group's migrations grant."""
    user = factories.make_user(email="tess@example.test", full_name="Tess Trainer")
    user.groups.add(Group.objects.get(name="Trainers"))
    return user


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits count in the cache: every test starts from zero (and reads its stamps from
    it, whatever a request of an earlier test read)."""
    from django.core.cache import cache

    cache.clear()
    forget_request_stamps()
