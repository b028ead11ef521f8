"""What the courses app keeps about a person: who uploaded an excerpt's media.

Interview media is the site's content: an erased trainer's uploads stay, without them.
"""

from capisce.accounts.personal_data import Part, register, rows, set_null
from modules.models import ExcerptMedia

register(
    "modules.ExcerptMedia",
    fields=("uploaded_by_user",),
    section="uploaded_excerpt_media",
    export=lambda user: Part(
        rows(
            ExcerptMedia.objects.filter(uploaded_by_user=user).order_by("pk"),
            "title",
            "created_at",
        )
    ),
    erase=set_null(ExcerptMedia, "uploaded_by_user"),
)
