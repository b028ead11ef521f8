"""A person's data: their export, the erasure of their account, and what retention erases.

Every app says in its `personal_data.py` how its rows of a person are exported and erased
(capisce.accounts.personal_data); the workflows here go through all of them:

- `data_export_request` asks for a zip of everything (built by a task: capisce.accounts.exports);
- `account_erase` erases an account in one transaction, whoever asks (the person, a trainer
  or an administrator in the admin, the retention of inactive accounts), safe to repeat;
- `expired_erase` runs every retention job once (`manage.py erase_expired`, daily).
"""

import datetime
import logging
import uuid
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.log_actions import log

from capisce.accounts import personal_data
from capisce.accounts.models import DataExport
from capisce.accounts.tasks import build_data_export
from capisce.links import absolute_url
from capisce.mail import send_later

logger = logging.getLogger(__name__)

DEFAULT_INACTIVE_DAYS = 3 * 365
DEFAULT_INACTIVE_WARNING_DAYS = 30
ERASED_DOMAIN = "erased.invalid"
ERASE_ACTION = "accounts.erase"


def inactive_days() -> int:
    return getattr(settings, "RETENTION_INACTIVE_ACCOUNT_DAYS", DEFAULT_INACTIVE_DAYS)


def inactive_warning_days() -> int:
    return getattr(settings, "INACTIVE_ACCOUNT_WARNING_DAYS", DEFAULT_INACTIVE_WARNING_DAYS)


# --- Export ---------------------------------------------------------------------------------


def data_export_request(*, user) -> tuple[DataExport, bool]:
    """Ask for a new export of the user's data; return it and whether it is new.

    While one is being prepared, asking again (a double click) gives that one back (a
    unique constraint). A new one replaces the older ones, which are deleted with their
    files. The zip is built by a task once the request is committed.
    """
    pending = DataExport.objects.for_user(user).filter(ready_at=None, failed_at=None).first()
    if pending is not None:
        return pending, False
    try:
        with transaction.atomic():
            export = DataExport.objects.create(user=user)
    except IntegrityError:
        return DataExport.objects.for_user(user).get(ready_at=None, failed_at=None), False
    _delete_exports(DataExport.objects.for_user(user).exclude(pk=export.pk))
    transaction.on_commit(lambda: build_data_export.enqueue(export.pk), robust=True)
    return export, True


def _delete_exports(exports) -> int:
    exports = list(exports)
    for export in exports:
        if export.file:
            stored = export.file
            transaction.on_commit(lambda f=stored: f.delete(save=False), robust=True)
    DataExport.objects.filter(pk__in=[e.pk for e in exports]).delete()
    return len(exports)


def data_exports_expire(*, now=None) -> int:
    """Delete, files too, the exports past their time (and those that failed a day ago)."""
    now = now or timezone.now()
    expired = DataExport.objects.filter(
        Q(expires_at__lte=now) | Q(failed_at__lte=now - datetime.timedelta(days=1))
    )
    return _delete_exports(expired)


# --- Erasure --------------------------------------------------------------------------------


def placeholder_create(*, now):
    """An anonymous, inactive account that can never sign in: it takes the learning records
    of one erased account, so reports count them once and name no one."""
    user_model = get_user_model()
    placeholder = user_model(
        email=f"erased-{uuid.uuid4().hex}@{ERASED_DOMAIN}",
        full_name="",
        is_active=False,
        erased_at=now,
    )
    placeholder.set_unusable_password()
    placeholder.save()
    return placeholder


def account_erase(*, user, answers=None, by=None) -> bool:
    """Erase an account: personal data and recordings go, files and all; learning records
    that trainers' statistics need stay, anonymous; certificates as the person chose.

    `answers` are the person's answers to the registered choices (the defaults when someone
    else erases the account). `by` is who asked: the person, a trainer or administrator, or
    None for the retention of inactive accounts; the audit log says which, not who was
    erased. Returns False, with nothing done, when the account is already erased (a second
    click, a second request racing the first).
    """
    user_model = get_user_model()
    answers = {**personal_data.default_answers(), **(answers or {})}
    now = timezone.now()
    with transaction.atomic():
        # One erasure at a time per account: the second waits, then finds nothing to erase.
        account = (
            user_model.objects.select_for_update()
            .filter(pk=user.pk, erased_at__isnull=True)
            .first()
        )
        if account is None:
            return False
        address, language = account.email, account.preferred_language
        placeholder = placeholder_create(now=now)
        erasure = personal_data.Erasure(
            user=account, placeholder=placeholder, answers=answers, now=now
        )
        for entry in personal_data.entries():
            entry.erase(erasure)
        sessions_end(account)
        user_model.objects.filter(pk=account.pk).delete()
        by_holder = by is not None and by.pk == account.pk
        log(
            placeholder,
            ERASE_ACTION,
            user=None if by_holder else by,
            data={"by_holder": by_holder, "inactivity": by is None},
        )
        transaction.on_commit(
            lambda: send_later(erased_mail(address, language)),
            robust=True,
        )
    return True


def sessions_end(user) -> int:
    """Sign the user out everywhere: delete their stored sessions.

    Django's sessions have no key to the user, so the stored ones are read, once, at the
    erasure. With a session engine that stores nothing in the database (cache, cookies),
    there is nothing to read: those sessions die with the account, whose row is deleted.
    """
    engine = import_module(settings.SESSION_ENGINE)
    store = engine.SessionStore
    if not hasattr(store, "get_model_class"):
        return 0
    model = store.get_model_class()
    mine = str(user.pk)
    ended = []
    for session in model.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = store().decode(session.session_data)
        if str(data.get("_auth_user_id", "")) == mine:
            ended.append(session.session_key)
    for session_key in ended:
        # Through the store, which forgets a cached copy too (the cached_db engine).
        store().delete(session_key)
    return len(ended)


def erased_mail(address, language) -> EmailMessage:
    with translation.override(language or None):
        return EmailMessage(
            gettext("Your CAPISCE Academy account has been deleted"),
            gettext(
                "Hello,\n\n"
                "Your CAPISCE Academy account has been deleted, with your personal data and "
                "your recordings. Your learning records are kept without your name, for the "
                "trainers' statistics.\n\n"
                "If you did not ask for this, write to the academy's team.\n"
            ),
            to=[address],
        )


# --- Retention ------------------------------------------------------------------------------


def _inactive(now, days):
    """Accounts that nobody has signed in to for `days` (ever signed in or not)."""
    cutoff = now - datetime.timedelta(days=days)
    return (
        get_user_model()
        .objects.filter(erased_at__isnull=True, is_superuser=False)
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lt=cutoff)
    )


def inactive_accounts_warn(*, now=None) -> int:
    """Mail the accounts that will be erased for inactivity in a month (once each time they
    fall inactive). Returns how many were told."""
    if not inactive_days():
        return 0
    now = now or timezone.now()
    days = max(inactive_days() - inactive_warning_days(), 0)
    due = _inactive(now, days).filter(
        Q(inactivity_warned_at__isnull=True) | Q(inactivity_warned_at__lt=F("last_seen"))
    )
    when = now + datetime.timedelta(days=inactive_warning_days())
    count = 0
    for user in due:
        # Told once, even if two runs overlap: only the run that marks the account mails it.
        unchanged = (
            Q(inactivity_warned_at__isnull=True)
            if user.inactivity_warned_at is None
            else Q(inactivity_warned_at=user.inactivity_warned_at)
        )
        marked = (
            get_user_model().objects.filter(unchanged, pk=user.pk).update(inactivity_warned_at=now)
        )
        if marked:
            send_later(inactivity_mail(user, when))
            count += 1
    return count


def inactive_accounts_erase(*, now=None) -> int:
    """Erase the accounts warned a month ago that nobody has signed in to since.

    Their certificates stay verifiable (the default: a deletion the person did not ask for
    never takes a credential away). Returns how many were erased.
    """
    if not inactive_days():
        return 0
    now = now or timezone.now()
    warned_before = now - datetime.timedelta(days=inactive_warning_days())
    due = _inactive(now, inactive_days()).filter(
        inactivity_warned_at__isnull=False,
        inactivity_warned_at__lte=warned_before,
        last_seen__lt=F("inactivity_warned_at"),
    )
    return sum(1 for user in due if account_erase(user=user, by=None))


def inactivity_mail(user, when) -> EmailMessage:
    with translation.override(user.preferred_language or None):
        return EmailMessage(
            gettext("Your CAPISCE Academy account will be deleted"),
            gettext(
                "Hello %(name)s,\n\n"
                "Nobody has signed in to your CAPISCE Academy account for a long time, so it "
                "will be deleted on %(when)s, with your personal data and recordings. Your "
                "certificates stay verifiable.\n\n"
                "To keep your account, sign in before then: %(login)s\n"
                "To keep a copy of your data, download it from My account: %(account)s\n"
            )
            % {
                "name": user.full_name or user.email,
                "when": date_format(timezone.localtime(when), "j F Y"),
                "login": absolute_url(reverse("account_login")),
                "account": absolute_url(reverse("account_profile")),
            },
            to=[user.email],
        )


def expired_erase(*, now=None) -> dict:
    """Run every retention job once: the apps' (renditions, attempts' free text...), then
    expired exports and inactive accounts. Returns how many things each erased (or told)."""
    now = now or timezone.now()
    done = {name: job(now) for name, job in personal_data.retention_jobs().items()}
    done["data_exports"] = data_exports_expire(now=now)
    done["inactive_accounts_warned"] = inactive_accounts_warn(now=now)
    done["inactive_accounts_erased"] = inactive_accounts_erase(now=now)
    return done
