"""One registry of what points at a person: how each part is exported, how it is erased.

Every model with a key to the user model (a ForeignKey, OneToOneField or ManyToManyField)
has an entry here, declared by its own app in `<app>/personal_data.py` and imported at
start-up by the accounts app (`autodiscover_modules("personal_data")`). An entry says

- how one person's rows are **exported**: JSON-ready records for `data.json`, and the
  person's own files as (name in the zip, file) pairs;
- how they are **erased**: deleted, or kept without anyone's identity where trainers'
  statistics need them (re-pointed to the anonymous placeholder that stands for the erased
  account, free text removed).

`uncovered()` names every key to the user that no entry covers: a system check
(`accounts.E001`) and a test fail on it, so a new model with a user key cannot slip past the
export and the erasure. Apps also register here the questions a person answers when they
delete their account (`Choice`, e.g. whether their certificates stay verifiable) and their
retention jobs (`register_retention`, run daily by `manage.py erase_expired`).

This module is the bottom layer's: it knows no course, certificate or quiz. The entries for
the user itself and for the libraries' models (allauth, Wagtail) are at its end.
"""

import datetime
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import Q

# --- What an entry gives and gets ----------------------------------------------------------


@dataclass
class Part:
    """One entry's share of a person's export: records for data.json and files for the zip.

    A file is (its name in the zip, a Django File or FieldFile); records name their files by
    the same name, so a reader finds a recording from its record.
    """

    records: list = field(default_factory=list)
    files: list = field(default_factory=list)


@dataclass(frozen=True)
class Choice:
    """A question the person answers when they delete their own account.

    `applies(user)` says whether to ask it; an erasure without the person (a trainer's or an
    administrator's deletion, inactivity) takes `default`.
    """

    name: str
    label: str
    options: tuple  # (value, label, help text)
    default: str
    applies: Callable


class Erasure:
    """One account being erased: the person, the placeholder that takes their learning
    records, their answers to the registered choices, and the files to remove.

    Files are removed once the erasure is committed, never before: a failed erasure keeps
    them.
    """

    def __init__(self, *, user, placeholder, answers, now):
        self.user = user
        self.placeholder = placeholder
        self.answers = answers
        self.now = now

    def answer(self, name):
        return self.answers[name]

    def delete_files(self, files: Iterable) -> None:
        for stored in files:
            if stored and stored.name:
                storage, name = stored.storage, stored.name
                transaction.on_commit(lambda s=storage, n=name: s.delete(n), robust=True)


@dataclass(frozen=True)
class Entry:
    """How one model's keys to the user (`fields`) are exported and erased.

    `export(user) -> Part` (None: nothing to give, say why in `note`); `erase(erasure)`.
    """

    model: str
    fields: tuple
    erase: Callable
    export: Callable | None = None
    section: str | None = None
    note: str = ""


# --- The registry --------------------------------------------------------------------------

_entries: dict = {}  # (model label, field name) -> Entry
_order: list = []
_choices: dict = {}
_retention: dict = {}


def _label(model) -> str:
    return model if isinstance(model, str) else model._meta.label


def register(model, *, fields, erase, export=None, section=None, note="") -> Entry:
    """Declare how `model`'s keys to the user named in `fields` are exported and erased.

    An entry with no field covers nothing (the user's own row, say) but still exports and
    erases. A field registered twice is a mistake, said at start-up.
    """
    label = _label(model)
    entry = Entry(label, tuple(fields), erase, export, section, note)
    if export is not None and not section:
        raise ImproperlyConfigured(f"{label}: an entry that exports names its section.")
    if section and any(other.section == section for other in _order):
        raise ImproperlyConfigured(f"{label}: another entry already exports {section!r}.")
    keys = [(label, name) for name in entry.fields] or [(label, f"<{len(_order)}>")]
    for key in keys:
        if key in _entries:
            raise ImproperlyConfigured(f"{key[0]}.{key[1]} is registered twice.")
        _entries[key] = entry
    _order.append(entry)
    return entry


def unregister(entry: Entry) -> None:
    """Take an entry back (tests use it to show that the check notices)."""
    _order.remove(entry)
    for key in [key for key, value in _entries.items() if value is entry]:
        del _entries[key]


def entries() -> list:
    """Every entry, in the order registered (the order of export and erasure)."""
    return list(_order)


def register_choice(choice: Choice) -> Choice:
    _choices[choice.name] = choice
    return choice


def choices() -> list:
    return list(_choices.values())


def default_answers() -> dict:
    return {choice.name: choice.default for choice in _choices.values()}


def register_retention(name: str, job: Callable) -> None:
    """A daily job, `job(now) -> int` (how many things it erased), run by `erase_expired`."""
    _retention[name] = job


def retention_jobs() -> dict:
    return dict(_retention)


def user_keys(model) -> list:
    """The names of `model`'s own fields that point at the user model.

    Fields a model inherits from a concrete parent are the parent's (Wagtail's pages have
    their owner on `wagtailcore.Page`), and an automatic many-to-many table is covered by
    the field that made it.
    """
    user_model = get_user_model()
    fields = [*model._meta.local_fields, *model._meta.local_many_to_many]
    return [
        f.name
        for f in fields
        if f.is_relation and not f.auto_created and f.related_model is user_model
    ]


def uncovered(models_to_check=None) -> list:
    """`app_label.Model.field` for every key to the user that no entry covers."""
    if models_to_check is None:
        models_to_check = [model for model in apps.get_models() if not model._meta.auto_created]
    missing = []
    for model in models_to_check:
        label = model._meta.label
        for name in user_keys(model):
            if (label, name) not in _entries:
                missing.append(f"{label}.{name}")
    return sorted(missing)


# --- Helpers for entries -------------------------------------------------------------------


def plain(value):
    """A value as JSON holds it: instants in ISO 8601, decimals as numbers, files by name."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def rows(queryset, *names) -> list:
    """Records of `names` (field names or `a__b` lookups) for each row of `queryset`."""
    return [{name: plain(value) for name, value in row.items()} for row in queryset.values(*names)]


def delete_rows(model, field_name):
    def erase(erasure):
        apps.get_model(_label(model))._default_manager.filter(**{field_name: erasure.user}).delete()

    return erase


def set_null(model, field_name):
    def erase(erasure):
        manager = apps.get_model(_label(model))._default_manager
        manager.filter(**{field_name: erasure.user}).update(**{field_name: None})

    return erase


def repoint(model, field_name):
    """Keep the rows, pointing at the placeholder: counted once each, known to no one."""

    def erase(erasure):
        manager = apps.get_model(_label(model))._default_manager
        manager.filter(**{field_name: erasure.user}).update(**{field_name: erasure.placeholder})

    return erase


def file_name(folder, number, title, stored) -> str:
    """`folder/001-title.ext`: a file's name in the zip, from what it is, never its stored name."""
    extension = posixpath.splitext(stored.name)[1].lower()
    slug = "".join(c if c.isalnum() else "-" for c in (title or "").lower()).strip("-")
    return f"{folder}/{number:03d}-{slug[:60] or 'file'}{extension}"


# --- The user, and the libraries' models ---------------------------------------------------
# Our own apps declare theirs in their personal_data.py.


def _export_profile(user):
    return Part(
        records=[
            {
                "email": user.email,
                "full_name": user.full_name,
                "preferred_language": user.preferred_language,
                "date_joined": plain(user.date_joined),
                "last_login": plain(user.last_login),
            }
        ]
    )


def _erase_nothing(erasure):
    """The user's row itself goes last, in the service, once everything else is done."""


register(
    settings.AUTH_USER_MODEL,
    fields=(),
    section="account",
    export=_export_profile,
    erase=_erase_nothing,
    note="The account itself: deleted once every other entry is erased.",
)


def _export_exports(user):
    return Part()


def _erase_exports(erasure):
    exports = list(erasure.user.data_exports.all())
    erasure.delete_files(export.file for export in exports)
    erasure.user.data_exports.all().delete()


register(
    "accounts.DataExport",
    fields=("user",),
    erase=_erase_exports,
    note="The person's own downloads of their data: not exported again; deleted, files too.",
)

register(
    "account.EmailAddress",
    fields=("user",),
    section="email_addresses",
    export=lambda user: Part(
        rows(user.emailaddress_set.order_by("pk"), "email", "verified", "primary")
    ),
    erase=delete_rows("account.EmailAddress", "user"),
)


def _export_admin_profile(user):
    profile = apps.get_model("wagtailusers.UserProfile").objects.filter(user=user).first()
    if profile is None:
        return Part()
    part = Part(
        records=[
            {
                "preferred_language": profile.preferred_language,
                "time_zone": profile.current_time_zone,
                "theme": profile.theme,
                "submitted_notifications": profile.submitted_notifications,
                "approved_notifications": profile.approved_notifications,
                "rejected_notifications": profile.rejected_notifications,
                "updated_comments_notifications": profile.updated_comments_notifications,
                "avatar": None,
            }
        ]
    )
    if profile.avatar:
        name = file_name("avatar", 1, "avatar", profile.avatar)
        part.records[0]["avatar"] = name
        part.files.append((name, profile.avatar))
    return part


def _erase_admin_profile(erasure):
    profiles = apps.get_model("wagtailusers.UserProfile").objects.filter(user=erasure.user)
    erasure.delete_files(profile.avatar for profile in profiles)
    profiles.delete()


register(
    "wagtailusers.UserProfile",
    fields=("user",),
    section="admin_profile",
    export=_export_admin_profile,
    erase=_erase_admin_profile,
)

register(
    "wagtailcore.Comment",
    fields=("user",),
    section="admin_comments",
    export=lambda user: Part(
        rows(
            apps.get_model("wagtailcore.Comment").objects.filter(user=user).order_by("pk"),
            "page__title",
            "text",
            "created_at",
            "resolved_at",
        )
    ),
    erase=delete_rows("wagtailcore.Comment", "user"),
    note="Comments on pages in the admin are the person's words: deleted.",
)
register(
    "wagtailcore.Comment",
    fields=("resolved_by",),
    erase=set_null("wagtailcore.Comment", "resolved_by"),
)
register(
    "wagtailcore.CommentReply",
    fields=("user",),
    section="admin_comment_replies",
    export=lambda user: Part(
        rows(
            apps.get_model("wagtailcore.CommentReply").objects.filter(user=user).order_by("pk"),
            "comment__page__title",
            "text",
            "created_at",
        )
    ),
    erase=delete_rows("wagtailcore.CommentReply", "user"),
)
register(
    "wagtailcore.PageSubscription",
    fields=("user",),
    section="admin_page_subscriptions",
    export=lambda user: Part(
        rows(
            apps.get_model("wagtailcore.PageSubscription").objects.filter(user=user),
            "page__title",
            "comment_notifications",
        )
    ),
    erase=delete_rows("wagtailcore.PageSubscription", "user"),
)


def _export_pages(user):
    pages = apps.get_model("wagtailcore.Page").objects.filter(Q(owner=user) | Q(locked_by=user))
    return Part(
        [
            {
                "title": page.title,
                "owner": page.owner_id == user.pk,
                "locked_by_you": page.locked_by_id == user.pk,
            }
            for page in pages.order_by("path").only("title", "owner", "locked_by")
        ]
    )


def _erase_pages(erasure):
    """Pages belong to the site: they lose their owner, and the person's locks are lifted."""
    pages = apps.get_model("wagtailcore.Page").objects
    pages.filter(owner=erasure.user).update(owner=None)
    pages.filter(locked_by=erasure.user).update(locked_by=None, locked=False, locked_at=None)


register(
    "wagtailcore.Page",
    fields=("owner", "locked_by"),
    section="admin_pages",
    export=_export_pages,
    erase=_erase_pages,
)
register(
    "wagtailcore.Revision",
    fields=("user",),
    section="admin_revisions",
    export=lambda user: Part(
        rows(
            apps.get_model("wagtailcore.Revision").objects.filter(user=user).order_by("pk"),
            "object_str",
            "created_at",
        )
    ),
    erase=set_null("wagtailcore.Revision", "user"),
    note="Revisions are the site's content: they keep no author.",
)


def _erase_page_log(erasure):
    apps.get_model("wagtailcore.PageLogEntry").objects.filter(user=erasure.user).update(user=None)


def _erase_model_log(erasure):
    """The audit log keeps what was done, not by whom; what it says about the person goes."""
    log = apps.get_model("wagtailcore.ModelLogEntry").objects
    log.filter(user=erasure.user).update(user=None)
    # Entries about the account itself (created, edited in the admin) carry its name.
    log.filter(
        content_type=apps.get_model("contenttypes.ContentType").objects.get_for_model(
            get_user_model()
        ),
        object_id=str(erasure.user.pk),
    ).delete()


register(
    "wagtailcore.PageLogEntry",
    fields=("user",),
    section="admin_page_actions",
    export=lambda user: Part(
        rows(
            apps.get_model("wagtailcore.PageLogEntry").objects.filter(user=user).order_by("pk"),
            "action",
            "label",
            "timestamp",
        )
    ),
    erase=_erase_page_log,
)
register(
    "wagtailcore.ModelLogEntry",
    fields=("user",),
    section="admin_actions",
    export=lambda user: Part(
        rows(
            apps.get_model("wagtailcore.ModelLogEntry").objects.filter(user=user).order_by("pk"),
            "action",
            "label",
            "timestamp",
        )
    ),
    erase=_erase_model_log,
)
register(
    "wagtailcore.WorkflowState",
    fields=("requested_by",),
    section="admin_workflow_requests",
    export=lambda user: Part(
        rows(
            apps.get_model("wagtailcore.WorkflowState").objects.filter(requested_by=user),
            "base_content_type__model",
            "object_id",
            "status",
            "created_at",
        )
    ),
    erase=set_null("wagtailcore.WorkflowState", "requested_by"),
)
register(
    "wagtailcore.TaskState",
    fields=("finished_by",),
    section="admin_workflow_tasks",
    export=lambda user: Part(
        rows(
            apps.get_model("wagtailcore.TaskState").objects.filter(finished_by=user),
            "task__name",
            "status",
            "finished_at",
        )
    ),
    erase=set_null("wagtailcore.TaskState", "finished_by"),
)
register(
    "wagtailcore.APIToken",
    fields=("user",),
    section="admin_api_tokens",
    export=lambda user: Part(
        rows(
            apps.get_model("wagtailcore.APIToken").objects.filter(user=user),
            "name",
            "prefix",
            "created",
            "revoked_at",
            "last_used_at",
        )
    ),
    erase=delete_rows("wagtailcore.APIToken", "user"),
    note="Only the token's name and prefix are exported: its secret is never stored.",
)
for _model in ("wagtailadmin.EditingSession", "wagtailadmin.FormState"):
    register(
        _model,
        fields=("user",),
        erase=delete_rows(_model, "user"),
        note="Who is editing what, right now: nothing to export, deleted.",
    )


def _uploads(model):
    def export(user):
        uploads = apps.get_model(model).objects.filter(uploaded_by_user=user).order_by("pk")
        return Part(rows(uploads, "title", "created_at"))

    return export


for _model, _section in (
    ("wagtailimages.Image", "admin_uploaded_images"),
    ("wagtaildocs.Document", "admin_uploaded_documents"),
    ("wagtailmedia.Media", "admin_uploaded_media"),
):
    register(
        _model,
        fields=("uploaded_by_user",),
        section=_section,
        export=_uploads(_model),
        erase=set_null(_model, "uploaded_by_user"),
        note="Uploads are the site's content: listed, and kept without their uploader.",
    )


def _erase_uploaded_files(erasure):
    uploads = apps.get_model("wagtailcore.UploadedFile").objects.filter(
        uploaded_by_user=erasure.user
    )
    erasure.delete_files(upload.file for upload in uploads)
    uploads.delete()


register(
    "wagtailcore.UploadedFile",
    fields=("uploaded_by_user",),
    erase=_erase_uploaded_files,
    note="A file uploaded for a form that was never saved: a leftover, deleted.",
)

# wagtail-localize remembers who last translated a text or overrode a value: the site's
# content, like revisions, which keeps no translator once they are erased.
for _model in ("wagtail_localize.StringTranslation", "wagtail_localize.SegmentOverride"):
    register(
        _model,
        fields=("last_translated_by",),
        erase=set_null(_model, "last_translated_by"),
        note="Translations are the site's content: they keep no translator.",
    )
