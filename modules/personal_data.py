"""What the courses app keeps about a person: who uploaded an excerpt's media, and which
sensitive excerpts a learner opened.

Interview media is the site's content: an erased trainer's uploads stay, without them. The
log of openings is the learner's and goes with them; it also has its own retention.
"""

from capisce.accounts.personal_data import Part, register, register_retention, rows, set_null
from modules import services
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

register(
    "modules.ExcerptOpening",
    fields=("learner",),
    section="sensitive_excerpts_opened",
    export=lambda user: Part(services.excerpt_openings_export(user)),
    erase=lambda erasure: services.excerpt_openings_erase(erasure.user),
)

register_retention(
    "sensitive_excerpt_openings", lambda now: services.excerpt_openings_expire(now=now)
)
