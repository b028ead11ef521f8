"""What every page's templates may show: the link to the privacy notice (footer, sign-up,
recording notice), read from the cache when a template first uses it, and only then."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from modules.models import PrivacyPage


def privacy(request):
    return {"privacy_url": SimpleLazyObject(lambda: PrivacyPage.url_for(get_language()))}
